/**
 * The config an edge's requests went through, as the flag rules read it: the VirtualServices
 * that route the called host for the caller (mesh traffic: `gateways` absent or naming
 * `mesh`), their HTTP routes that send to the host, the DestinationRules of the host (the
 * most specific host wins, server/validation/hosts.ts), and the pods behind the Service or a
 * subset. Every field a rule may blame is returned with its path in the object, written as
 * validation checks write paths (`spec/http[0]/timeout`), so it can be put on a line.
 */
import "server-only";
import type { DestinationRule, HTTPRoute, TrafficPolicy, VirtualService } from "@/lib/istio/types";
import type { ValidationContext, WorkloadLabels } from "@/server/validation/context";
import { destinationRulesFor, hostCovers, isExportedTo, qualifyHost } from "@/server/validation/hosts";
import { labelsMatch } from "@/server/validation/labels";

/** The edge as the rules see it: who called, which host, and what the config and telemetry say. */
export interface EdgeScope {
  context: ValidationContext;
  sourceNamespace: string;
  /** The called service. */
  namespace: string;
  service: string;
  /** `service.namespace.svc.<domain>`. */
  fqdn: string;
}

export function edgeScope(
  context: ValidationContext,
  edge: { sourceNamespace: string; namespace: string; service: string },
): EdgeScope {
  return { ...edge, context, fqdn: `${edge.service}.${edge.namespace}.svc.${context.mesh.domain}` };
}

const namespaceOf = (o: { metadata: { namespace?: string } }) => o.metadata.namespace ?? "";

/** VirtualServices that route the host for sidecars of the caller's namespace, in the order istiod lists them. */
export function virtualServicesFor(scope: EdgeScope): VirtualService[] {
  return scope.context.virtualServices.filter((vs) => {
    const spec = vs.spec;
    if (!spec || !isExportedTo(spec.exportTo, namespaceOf(vs), scope.sourceNamespace)) return false;
    const gateways = spec.gateways ?? [];
    if (gateways.length > 0 && !gateways.includes("mesh")) return false;
    return (spec.hosts ?? []).some(
      (h) =>
        typeof h === "string" && hostCovers(qualifyHost(h, namespaceOf(vs), scope.context.mesh.domain), scope.fqdn),
    );
  });
}

export interface RouteAt {
  vs: VirtualService;
  index: number;
  route: HTTPRoute;
  path: string;
}

/** Every HTTP rule of the VirtualServices routing the host, with its path. */
export function httpRoutesFor(scope: EdgeScope): RouteAt[] {
  return virtualServicesFor(scope).flatMap((vs) =>
    (vs.spec?.http ?? []).map((route, index) => ({ vs, index, route, path: `spec/http[${index}]` })),
  );
}

export interface SubsetReference {
  route: RouteAt;
  /** The `route[k]` destination's path. */
  path: string;
  subset: string;
}

/** The subsets of the host the routes send to (destinations for other hosts are not this edge's). */
export function subsetReferences(scope: EdgeScope): SubsetReference[] {
  return httpRoutesFor(scope).flatMap((at) =>
    (at.route.route ?? []).flatMap((d, k) => {
      const host = d.destination?.host;
      const subset = d.destination?.subset;
      if (!host || !subset) return [];
      if (qualifyHost(host, namespaceOf(at.vs), scope.context.mesh.domain) !== scope.fqdn) return [];
      return [{ route: at, path: `${at.path}/route[${k}]/destination/subset`, subset }];
    }),
  );
}

export function destinationRulesOf(scope: EdgeScope): DestinationRule[] {
  return destinationRulesFor(scope.fqdn, scope.sourceNamespace, scope.context);
}

/** A traffic policy of a DestinationRule, and where it sits: the rule's own, a port's, or a subset's. */
export interface PolicyAt {
  dr: DestinationRule;
  policy: Omit<TrafficPolicy, "portLevelSettings">;
  path: string;
  /** Which requests it governs, in words ("every request", "port 8000", "subset v1"). */
  scope: string;
}

/** Every traffic policy the host's DestinationRules hold, the most general first. */
export function trafficPoliciesOf(scope: EdgeScope): PolicyAt[] {
  return destinationRulesOf(scope).flatMap((dr) => {
    const out: PolicyAt[] = [];
    const top = dr.spec?.trafficPolicy;
    if (top) {
      out.push({ dr, policy: top, path: "spec/trafficPolicy", scope: "every request" });
      (top.portLevelSettings ?? []).forEach((p, i) =>
        out.push({
          dr,
          policy: p,
          path: `spec/trafficPolicy/portLevelSettings[${i}]`,
          scope: `port ${p.port?.number ?? "?"}`,
        }),
      );
    }
    (dr.spec?.subsets ?? []).forEach((s, i) => {
      if (s.trafficPolicy)
        out.push({
          dr,
          policy: s.trafficPolicy,
          path: `spec/subsets[${i}]/trafficPolicy`,
          scope: `subset ${s.name ?? i}`,
        });
    });
    return out;
  });
}

/** The running pods (and WorkloadEntries) behind the Service, narrowed by extra labels (a subset's). */
export function podsBehind(scope: EdgeScope, labels: Record<string, string> = {}): WorkloadLabels[] {
  const service = scope.context.services.find((s) => s.name === scope.service && s.namespace === scope.namespace);
  if (!service || Object.keys(service.selector).length === 0) return [];
  return (scope.context.workloadsByNamespace.get(scope.namespace) ?? []).filter(
    (w) => labelsMatch(service.selector, w.labels) && labelsMatch(labels, w.labels),
  );
}
