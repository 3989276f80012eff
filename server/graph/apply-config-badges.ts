/**
 * Badges from Istio routing config: a node reached through a service (a service node, or an
 * app/workload node via its destServices, and so the app box) gets the flags of the
 * VirtualServices and DestinationRules whose hosts name that service. Each badge is a row.
 */
import "server-only";
import type { GraphNodeData } from "@/lib/contracts/graph";
import type { DestinationRuleSpec, TrafficPolicy, VirtualServiceSpec } from "@/lib/istio/types";
import type { ClusterState } from "./graph-sources";
import type { TrafficMap } from "./traffic-map";
import type { DestService } from "./traffic-row";

type BadgeFlag =
  | "hasVS"
  | "hasTrafficShifting"
  | "hasTCPTrafficShifting"
  | "hasRequestRouting"
  | "hasFaultInjection"
  | "hasRequestTimeout"
  | "hasMirroring"
  | "hasCB";

const weighted = (route: { weight?: number }[] | undefined) =>
  (route ?? []).filter((d) => (d.weight ?? 0) > 0).length > 1;

export const virtualServiceBadges: readonly { flag: BadgeFlag; applies: (spec: VirtualServiceSpec) => boolean }[] = [
  { flag: "hasVS", applies: () => true },
  { flag: "hasTrafficShifting", applies: (s) => (s.http ?? []).some((r) => weighted(r.route)) },
  {
    flag: "hasTCPTrafficShifting",
    applies: (s) => [...(s.tcp ?? []), ...(s.tls ?? [])].some((r) => weighted(r.route)),
  },
  { flag: "hasRequestRouting", applies: (s) => (s.http ?? []).some((r) => (r.match ?? []).length > 0) },
  {
    flag: "hasFaultInjection",
    applies: (s) => (s.http ?? []).some((r) => r.fault?.abort !== undefined || r.fault?.delay !== undefined),
  },
  { flag: "hasRequestTimeout", applies: (s) => (s.http ?? []).some((r) => r.timeout !== undefined) },
  {
    flag: "hasMirroring",
    applies: (s) => (s.http ?? []).some((r) => r.mirror !== undefined || (r.mirrors ?? []).length > 0),
  },
];

const breaks = (p: TrafficPolicy | undefined): boolean =>
  p !== undefined &&
  (p.connectionPool !== undefined ||
    p.outlierDetection !== undefined ||
    (p.portLevelSettings ?? []).some((l) => l.connectionPool !== undefined || l.outlierDetection !== undefined));

export const destinationRuleBadges: readonly { flag: BadgeFlag; applies: (spec: DestinationRuleSpec) => boolean }[] = [
  {
    flag: "hasCB",
    applies: (s) => breaks(s.trafficPolicy) || (s.subsets ?? []).some((sub) => breaks(sub.trafficPolicy)),
  },
];

/** Does a host written in a config object of `configNamespace` name this service? */
export function hostNamesService(host: string, configNamespace: string, service: DestService): boolean {
  if (host === "*" || host === service.host) return true;
  const { name, namespace } = service;
  const forms = [`${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
  if (configNamespace === namespace) forms.push(name);
  if (forms.includes(host)) return true;
  return host.startsWith("*.") && service.host.endsWith(host.slice(1));
}

export function applyConfigBadges(map: TrafficMap, state: ClusterState): TrafficMap {
  const badgesOf = (service: DestService): Set<BadgeFlag> => {
    const flags = new Set<BadgeFlag>();
    for (const vs of state.virtualServices) {
      const ns = vs.metadata.namespace ?? "";
      // A VS bound only to gateways routes what enters through them; its wildcard hosts
      // ("*" on Bookinfo's gateway VS) do not make every service of the mesh "routed".
      const gateways = vs.spec?.gateways ?? [];
      const meshBound = gateways.length === 0 || gateways.includes("mesh");
      const names = (h: string) => (meshBound || !h.includes("*")) && hostNamesService(h, ns, service);
      if (!(vs.spec?.hosts ?? []).some(names)) continue;
      for (const b of virtualServiceBadges) if (b.applies(vs.spec ?? {})) flags.add(b.flag);
    }
    for (const dr of state.destinationRules) {
      const host = dr.spec?.host;
      if (!host || !hostNamesService(host, dr.metadata.namespace ?? "", service)) continue;
      for (const b of destinationRuleBadges) if (b.applies(dr.spec ?? {})) flags.add(b.flag);
    }
    return flags;
  };
  const cache = new Map<string, Set<BadgeFlag>>();
  for (const node of map.nodes.values()) {
    const services: DestService[] = [...node.destServices.values()];
    if (node.data.nodeType === "service" && node.data.service && services.length === 0) {
      services.push({
        host: `${node.data.service}.${node.data.namespace}.svc.cluster.local`,
        name: node.data.service,
        namespace: node.data.namespace,
      });
    }
    for (const service of services) {
      let flags = cache.get(service.host);
      if (!flags) cache.set(service.host, (flags = badgesOf(service)));
      const data: GraphNodeData = node.data;
      for (const f of flags) data[f] = true;
    }
  }
  return map;
}
