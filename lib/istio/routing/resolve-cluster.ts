/**
 * From a routed destination to an Envoy cluster: which service the host names (a
 * Kubernetes service, a ServiceEntry host, or nothing — PassthroughCluster under the mesh's
 * ALLOW_ANY outbound policy, BlackHoleCluster under REGISTRY_ONLY), which
 * DestinationRule applies (client namespace, then the service's, then the root
 * namespace, most specific host first), which subset, the pods it selects, and the
 * traffic policy for that subset and port (subset fields override the rule's).
 */
import type {
  ConnectionPoolSettings,
  DestinationRuleSpec,
  LoadBalancerSettings,
  OutlierDetection,
  TrafficPolicy,
  ClientTLSSettings,
} from "@/lib/istio/types";
import { hostMatches, hostSpecificity } from "./hosts";
import {
  labelsMatch,
  type ConfigSnapshot,
  type DestinationRuleEntry,
  type PodInfo,
  type ServiceEntryEntry,
  type ServiceInfo,
} from "./snapshot";
import type { DestinationRef } from "./types";

export type DestinationService =
  | { kind: "kubernetes"; host: string; name: string; namespace: string; service: ServiceInfo }
  | { kind: "external"; host: string; name: string; namespace: string; entry: ServiceEntryEntry }
  | { kind: "passthrough"; host: string; name: "PassthroughCluster"; namespace: string }
  /** REGISTRY_ONLY and a host no Service or ServiceEntry declares: Istio's route `block_all` answers 502 itself. */
  | { kind: "blackhole"; host: string; name: "BlackHoleCluster"; namespace: string };

export interface EffectivePolicy {
  connectionPool?: ConnectionPoolSettings;
  outlierDetection?: OutlierDetection;
  loadBalancer?: LoadBalancerSettings;
  tls?: ClientTLSSettings;
}

export interface Cluster {
  /** Envoy's cluster name, `outbound|port|subset|host`: the key of pools and outlier state. */
  key: string;
  service: DestinationService;
  port: number;
  subset?: string;
  endpoints: PodInfo[];
  policy: EffectivePolicy;
}

export type ClusterResolution =
  { ok: true; cluster: Cluster } | { ok: false; reason: "noCluster"; service: DestinationService };

/**
 * Istio's catch-all route for hosts no Service or ServiceEntry declares, by the mesh's outbound policy: `allow_any`
 * forwards to PassthroughCluster, `block_all` answers 502 itself. The traffic engine and the proxies' config dump
 * (sim/mesh/envoy) both read it here, so they cannot disagree.
 */
export const ALLOW_ANY_ROUTE = { name: "allow_any", cluster: "PassthroughCluster" } as const;
export const BLOCK_ALL_ROUTE = { name: "block_all", cluster: "BlackHoleCluster", status: 502 } as const;

export function catchAllRouteOf(
  snapshot: Pick<ConfigSnapshot, "mesh">,
): typeof ALLOW_ANY_ROUTE | typeof BLOCK_ALL_ROUTE {
  return snapshot.mesh.outboundTrafficMode === "REGISTRY_ONLY" ? BLOCK_ALL_ROUTE : ALLOW_ANY_ROUTE;
}

export function resolveService(snapshot: ConfigSnapshot, host: string): DestinationService {
  const service = snapshot.services.get(host);
  if (service) return { kind: "kubernetes", host, name: service.name, namespace: service.namespace, service };
  const best = findServiceEntry(snapshot, host);
  if (best) return { kind: "external", host, name: host, namespace: best.entry.namespace, entry: best.entry };
  return unregisteredService(snapshot, host);
}

/**
 * The ServiceEntry that declares `host` most specifically (exact beats the longest wildcard),
 * among those `accepts` lets through; `pattern` is the SE host that matched (Envoy's cluster name).
 */
export function findServiceEntry(
  snapshot: ConfigSnapshot,
  host: string,
  accepts: (entry: ServiceEntryEntry) => boolean = () => true,
): { entry: ServiceEntryEntry; pattern: string } | undefined {
  let best: { entry: ServiceEntryEntry; pattern: string; specificity: number } | undefined;
  for (const entry of snapshot.serviceEntries) {
    if (!accepts(entry)) continue;
    for (const pattern of entry.hosts) {
      if (!hostMatches(pattern, host)) continue;
      const specificity = hostSpecificity(pattern);
      if (!best || specificity > best.specificity) best = { entry, pattern, specificity };
    }
  }
  return best && { entry: best.entry, pattern: best.pattern };
}

/** A host the registry does not know, under the mesh's outbound traffic policy (its catch-all route). */
export function unregisteredService(snapshot: ConfigSnapshot, host: string): DestinationService {
  return catchAllRouteOf(snapshot) === BLOCK_ALL_ROUTE
    ? { kind: "blackhole", host, name: "BlackHoleCluster", namespace: "unknown" }
    : { kind: "passthrough", host, name: "PassthroughCluster", namespace: "unknown" };
}

export function findDestinationRule(
  snapshot: ConfigSnapshot,
  clientNamespace: string,
  host: string,
  serviceNamespace: string | undefined,
): DestinationRuleEntry | undefined {
  const lookIn = [clientNamespace, serviceNamespace, snapshot.rootNamespace].filter(
    (n): n is string => n !== undefined,
  );
  for (const namespace of lookIn) {
    let best: { dr: DestinationRuleEntry; specificity: number } | undefined;
    for (const dr of snapshot.destinationRules) {
      if (dr.namespace !== namespace || !hostMatches(dr.host, host)) continue;
      const specificity = hostSpecificity(dr.host);
      if (!best || specificity > best.specificity) best = { dr, specificity };
    }
    if (best) return best.dr;
  }
  return undefined;
}

function mergePolicy(
  base: TrafficPolicy | undefined,
  override: TrafficPolicy | undefined,
  port: number,
): EffectivePolicy {
  const pick = (policy: TrafficPolicy | undefined): EffectivePolicy => {
    if (!policy) return {};
    const portLevel = policy.portLevelSettings?.find((p) => p.port?.number === port);
    const out: EffectivePolicy = {};
    const connectionPool = portLevel?.connectionPool ?? policy.connectionPool;
    const outlierDetection = portLevel?.outlierDetection ?? policy.outlierDetection;
    const loadBalancer = portLevel?.loadBalancer ?? policy.loadBalancer;
    const tls = portLevel?.tls ?? policy.tls;
    if (connectionPool) out.connectionPool = connectionPool;
    if (outlierDetection) out.outlierDetection = outlierDetection;
    if (loadBalancer) out.loadBalancer = loadBalancer;
    if (tls) out.tls = tls;
    return out;
  };
  return { ...pick(base), ...pick(override) };
}

function portsOf(service: DestinationService): number[] {
  if (service.kind === "kubernetes") return service.service.ports.map((p) => p.port);
  if (service.kind === "external") return (service.entry.spec.ports ?? []).map((p) => p.number ?? 0);
  return [];
}

/** The destination's explicit port, else the requested port when the service has it, else its first port. */
export function clusterPort(
  service: DestinationService,
  explicit: number | undefined,
  requested: number | undefined,
): number {
  if (explicit !== undefined) return explicit;
  const ports = portsOf(service);
  if (requested !== undefined && (ports.length === 0 || ports.includes(requested))) return requested;
  return ports[0] ?? 80;
}

export function resolveCluster(
  snapshot: ConfigSnapshot,
  clientNamespace: string,
  destination: DestinationRef,
  requestPort?: number,
): ClusterResolution {
  const service = resolveService(snapshot, destination.host);
  const port = clusterPort(service, destination.port, requestPort);
  const dr =
    service.kind === "passthrough" || service.kind === "blackhole"
      ? undefined
      : findDestinationRule(snapshot, clientNamespace, destination.host, service.namespace);
  const spec: DestinationRuleSpec = dr?.spec ?? {};
  let policy = mergePolicy(spec.trafficPolicy, undefined, port);
  let endpoints: PodInfo[] = service.kind === "kubernetes" ? service.service.pods : [];
  if (destination.subset) {
    const subset = spec.subsets?.find((s) => s.name === destination.subset);
    // Envoy has no cluster for an undefined subset: 503 NC.
    if (!subset) return { ok: false, reason: "noCluster", service };
    policy = mergePolicy(spec.trafficPolicy, subset.trafficPolicy, port);
    endpoints = endpoints.filter((p) => labelsMatch(subset.labels, p.labels));
  }
  const key = `outbound|${port}|${destination.subset ?? ""}|${destination.host}`;
  return {
    ok: true,
    cluster: { key, service, port, ...(destination.subset ? { subset: destination.subset } : {}), endpoints, policy },
  };
}
