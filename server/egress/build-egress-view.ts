/**
 * The Egress page's view from the validation context (the cluster cache's Istio objects) and
 * the mesh's outbound policy, limited to the namespaces asked for: ServiceEntries and
 * DestinationRules by their own namespace, egress gateway routes by their VirtualService's.
 * Pure: the wiring (index.ts) reads the cache and decides what the viewer may see.
 */
import "server-only";
import type { EgressView, OutboundPolicyView } from "@/lib/contracts/egress";
import type { ValidationContext } from "@/server/validation";
import { egressGatewayRoutes } from "./egress-gateway-routes";
import { toServiceEntryRow } from "./service-entry-rows";
import { tlsOriginations } from "./tls-origination";

const byName = (a: { namespace: string; name: string }, b: { namespace: string; name: string }): number =>
  `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);

export function buildEgressView(
  context: ValidationContext,
  outboundPolicy: OutboundPolicyView,
  namespaces: ReadonlySet<string>,
): EgressView {
  const inScope = (namespace: string | undefined): boolean => namespaces.has(namespace ?? "default");
  return {
    outboundPolicy,
    serviceEntries: context.serviceEntries
      .filter((se) => inScope(se.metadata.namespace))
      .map(toServiceEntryRow)
      .sort(byName),
    gatewayRoutes: egressGatewayRoutes(context).filter((r) => inScope(r.virtualService.namespace)),
    tlsOrigination: tlsOriginations(
      context.destinationRules.filter((dr) => inScope(dr.metadata.namespace)),
      context.serviceEntries,
      context.mesh.domain,
    ).sort(byName),
  };
}
