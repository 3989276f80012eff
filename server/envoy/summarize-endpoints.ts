/**
 * Endpoints of a config dump (present with `?include_eds`): each cluster's hosts with their EDS health and weight.
 * The health is what istiod sent (its view of pod readiness), not Envoy's own outlier ejections.
 */
import "server-only";
import type { EnvoyEndpoint } from "@/lib/contracts/envoy";
import type { ClusterLoadAssignment, ConfigDump } from "@/lib/envoy/config-dump";
import { addressText } from "./summarize-listeners";

function toEndpoints(assignment: ClusterLoadAssignment): EnvoyEndpoint[] {
  return (assignment.endpoints ?? []).flatMap((group) => {
    const l = group.locality;
    const locality = [l?.region, l?.zone, l?.sub_zone].filter(Boolean).join("/");
    return (group.lb_endpoints ?? []).map((e) => ({
      cluster: assignment.cluster_name,
      ...addressText(e.endpoint?.address),
      // proto3 JSON leaves out the zero value, UNKNOWN.
      health: e.health_status ?? "UNKNOWN",
      weight: e.load_balancing_weight,
      ...(locality ? { locality } : {}),
    }));
  });
}

export function summarizeEndpoints(dump: ConfigDump): EnvoyEndpoint[] {
  const section = dump.EndpointsConfigDump;
  if (!section) return [];
  return [...section.dynamic_endpoint_configs, ...section.static_endpoint_configs].flatMap((c) =>
    toEndpoints(c.endpoint_config),
  );
}
