/** Test support: terse builders for telemetry rows and cluster state (Bookinfo names). */
import type { ClusterState, WorkloadSummary } from "../graph-sources";
import { peerKey, type Peer, type EdgeFigureRow, type TrafficRow } from "../traffic-row";

/** Edge numbers for hand-built rows: the same workload edge always gets the same number, as readRows gives it. */
const edgeNumbers = new Map<string, number>();
function edgeNumberOf(r: Omit<TrafficRow, "edgeKey">): number {
  const key = `${peerKey(r.source)}>${peerKey(r.dest)}>${r.destService.host}>${r.protocol}`;
  let n = edgeNumbers.get(key);
  if (n === undefined) edgeNumbers.set(key, (n = edgeNumbers.size));
  return n;
}

export function peer(workload: string, namespace = "bookinfo"): Peer {
  if (workload === "unknown")
    return { cluster: "unknown", namespace: "unknown", workload: "unknown", app: "unknown", version: "latest" };
  const m = /^(.*)-(v\d+)$/.exec(workload);
  return {
    cluster: "Kubernetes",
    namespace,
    workload,
    app: m ? (m[1] as string) : workload,
    version: m ? (m[2] as string) : "latest",
  };
}

export function row(
  source: string,
  dest: string,
  init: Partial<Omit<TrafficRow, "edgeKey">> & { service?: string; sourceNs?: string; destNs?: string } = {},
): TrafficRow {
  const { service, sourceNs, destNs, ...rest } = init;
  const d = peer(dest, destNs);
  const svcName = service ?? (dest === "unknown" ? "unknown" : d.app);
  const svcNs = destNs ?? "bookinfo";
  const r: Omit<TrafficRow, "edgeKey"> = {
    reporter: "destination",
    source: peer(source, sourceNs),
    dest: d,
    destService: { host: `${svcName}.${svcNs}.svc.cluster.local`, name: svcName, namespace: svcNs },
    protocol: "http",
    code: "200",
    grpcStatus: "",
    flags: "-",
    security: "mutual_tls",
    rate: 1,
    ...rest,
  };
  return { ...r, edgeKey: edgeNumberOf(r) };
}

export function rt(
  source: string,
  dest: string,
  ms: number,
  reporter: "source" | "destination" = "destination",
): EdgeFigureRow {
  const r = row(source, dest);
  return {
    edgeKey: r.edgeKey,
    reporter,
    source: r.source,
    dest: r.dest,
    destService: r.destService,
    protocol: "http",
    value: ms,
  };
}

export function workload(name: string, init: Partial<WorkloadSummary> = {}): WorkloadSummary {
  const p = peer(name, init.namespace);
  return {
    namespace: p.namespace,
    name,
    kind: "Deployment",
    labels: { app: p.app, version: p.version },
    app: p.app,
    version: p.version,
    desiredReplicas: 1,
    availableReplicas: 1,
    runningPods: 1,
    podsWithoutSidecar: 0,
    pods: 1,
    ...init,
  };
}

export function clusterState(init: Partial<ClusterState> = {}): ClusterState {
  return {
    namespaces: ["bookinfo"],
    workloads: [],
    services: [],
    virtualServices: [],
    destinationRules: [],
    serviceEntries: [],
    ...init,
  };
}
