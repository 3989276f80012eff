/**
 * Flags that come from the cluster rather than from telemetry, and the idle nodes:
 * - hasMissingSC: some of the node's pods run without the istio-proxy sidecar;
 *   isOutOfMesh: none of them has it (its traffic is seen only through its peers);
 * - isDead: the node's workloads exist but no pod runs;
 * - isGateway: an Istio ingress/egress gateway (label `istio=…gateway`, or by name when
 *   the gateway lives in a namespace that was not read, as istio-system usually is);
 * - isOutside: the node's namespace was not asked for; isRoot: sends but receives nothing;
 * - isServiceEntry: a service node whose host a ServiceEntry declares — never PassthroughCluster or
 *   BlackHoleCluster, whose host is one the registry did not know when the call was made;
 * - isIdle (idleNodes=true): a workload (or, in a service graph, a service) of a requested
 *   namespace that had no traffic in the window is added as an idle node.
 */
import "server-only";
import type { GraphType } from "@/lib/contracts/graph";
import { isOutboundPolicyCluster } from "@/lib/istio/outbound-clusters";
import type { ServiceEntry } from "@/lib/istio/types";
import { boxVersionedApps } from "./build-versioned-app-graph";
import type { ClusterState, WorkloadSummary } from "./graph-sources";
import { appNode, serviceNode, workloadNode, type NodeSpec } from "./node-identity";
import { ensureNode, type NodeModel, type TrafficMap } from "./traffic-map";
import { UNKNOWN } from "./traffic-row";

const LOCAL_CLUSTER = "Kubernetes";
const gatewayName = /(ingress|egress)gateway/;

function isGatewayWorkload(name: string, labels: Record<string, string> | undefined): boolean {
  const istioLabel = labels?.istio ?? "";
  return gatewayName.test(istioLabel) || gatewayName.test(name);
}

/** The node an idle workload gets, per graph type. */
const idleWorkloadNode: Record<Exclude<GraphType, "service">, (w: WorkloadSummary) => NodeSpec> = {
  versionedApp: (w) => ({
    ...appNode({ cluster: LOCAL_CLUSTER, namespace: w.namespace, app: w.app }, w.version),
    workload: w.name,
  }),
  app: (w) => appNode({ cluster: LOCAL_CLUSTER, namespace: w.namespace, app: w.app }),
  workload: (w) =>
    workloadNode({ cluster: LOCAL_CLUSTER, namespace: w.namespace, workload: w.name, app: w.app, version: w.version }),
};

export function addIdleNodes(
  map: TrafficMap,
  state: ClusterState,
  graphType: GraphType,
  options: { boxApps: boolean } = { boxApps: true },
): TrafficMap {
  const requested = new Set(state.namespaces);
  if (graphType === "service") {
    for (const s of state.services) {
      if (!requested.has(s.namespace)) continue;
      const spec = serviceNode(
        { host: `${s.name}.${s.namespace}.svc.cluster.local`, name: s.name, namespace: s.namespace },
        LOCAL_CLUSTER,
      );
      if (!map.nodes.has(spec.id)) ensureNode(map, spec).data.isIdle = true;
    }
    return map;
  }
  for (const w of state.workloads) {
    if (!requested.has(w.namespace)) continue;
    const spec = idleWorkloadNode[graphType](w);
    const known = map.nodes.has(spec.id);
    const node = ensureNode(map, spec);
    node.workloads.add(`${w.namespace}/${w.name}`);
    if (!known) node.data.isIdle = true;
  }
  return graphType === "versionedApp" && options.boxApps ? boxVersionedApps(map) : map;
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  return pattern.startsWith("*") && host.endsWith(pattern.slice(1));
}

function serviceEntryFor(host: string, entries: readonly ServiceEntry[]): ServiceEntry | undefined {
  return entries.find((se) => (se.spec?.hosts ?? []).some((h) => hostMatches(h, host)));
}

function applyWorkloadFlags(node: NodeModel, workloads: Map<string, WorkloadSummary>): void {
  const known = [...node.workloads].map((k) => workloads.get(k)).filter((w): w is WorkloadSummary => w !== undefined);
  const isGateway =
    known.some((w) => isGatewayWorkload(w.name, w.labels)) ||
    (node.data.nodeType !== "service" && gatewayName.test(node.data.workload ?? node.data.app ?? ""));
  if (isGateway) node.data.isGateway = true;
  if (known.length === 0) return;
  const pods = known.reduce((n, w) => n + w.pods, 0);
  const withoutSidecar = known.reduce((n, w) => n + w.podsWithoutSidecar, 0);
  if (!isGateway && withoutSidecar > 0) node.data.hasMissingSC = true;
  if (!isGateway && pods > 0 && withoutSidecar === pods) node.data.isOutOfMesh = true;
  if (known.every((w) => w.runningPods === 0)) node.data.isDead = true;
}

export function applyClusterFlags(
  map: TrafficMap,
  state: ClusterState,
  requestedNamespaces: readonly string[],
): TrafficMap {
  const workloads = new Map(state.workloads.map((w) => [`${w.namespace}/${w.name}`, w]));
  const requested = new Set(requestedNamespaces);
  const hasInbound = new Set<string>();
  const hasOutbound = new Set<string>();
  for (const edge of map.edges.values()) {
    hasInbound.add(edge.target);
    hasOutbound.add(edge.source);
  }
  for (const node of map.nodes.values()) {
    const d = node.data;
    if (d.nodeType !== "box") applyWorkloadFlags(node, workloads);
    if (d.namespace !== UNKNOWN && !requested.has(d.namespace)) d.isOutside = true;
    if (hasOutbound.has(d.id) && !hasInbound.has(d.id)) d.isRoot = true;
    if (d.nodeType === "service" && !isOutboundPolicyCluster(d.service)) {
      const host = [...node.destServices.values()][0]?.host ?? d.service ?? "";
      const se = serviceEntryFor(host, state.serviceEntries);
      if (se)
        d.isServiceEntry = {
          location: se.spec?.location === "MESH_INTERNAL" ? "MESH_INTERNAL" : "MESH_EXTERNAL",
          hosts: [...(se.spec?.hosts ?? [])],
        };
    }
  }
  return map;
}
