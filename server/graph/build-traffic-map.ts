/**
 * Rows → nodes and edges. A graph type decides which node stands for each end of a row
 * (`Endpoints`); rows between the same two nodes over the same protocol merge into one
 * edge. A row can feed several edges (the service graph splits a caller that stands behind
 * two services), each with its share of the rate, so totals stay true.
 */
import "server-only";
import type { GraphType } from "@/lib/contracts/graph";
import { destNodeOf, serviceNode, sourceNodeOf, type NodeSpec } from "./node-identity";
import {
  addResponseTime,
  createTrafficMap,
  ensureEdge,
  ensureNode,
  type EdgeModel,
  type TrafficMap,
} from "./traffic-map";
import { peerKey, UNKNOWN, type DestService, type Peer, type EdgeFigureRow, type TrafficRow } from "./traffic-row";

export interface Endpoints {
  source: NodeSpec;
  dest: NodeSpec;
  /** Share of the row's rate carried by this edge (1 unless a caller is split). */
  share: number;
}

export type EndpointsOf = (row: TrafficRow) => Endpoints[];

/**
 * The ends of a row in a versionedApp, app or workload graph, memoized per peer. Rows read
 * by readRows share interned peer objects, so the memo is keyed by the object (no key
 * string per lookup); rows built by hand just miss more often. A destination that is a
 * workload depends on its peer alone; one that reached no workload is a service node,
 * which also depends on the service and the caller's cluster.
 *
 * With `injectServiceNodes` (Kiali's option), a call that reached a workload is drawn in two
 * hops, caller → service → workload, each carrying the whole rate: the service node shows
 * what its callers sent it and how it spread over its workloads.
 */
export function endpointsFor(graphType: GraphType, options: { injectServiceNodes?: boolean } = {}): EndpointsOf {
  const sources = new Map<Peer, NodeSpec>();
  const dests = new Map<Peer, NodeSpec>();
  const serviceDests = new Map<string, NodeSpec>();
  const destOf = (row: TrafficRow): NodeSpec => {
    if (row.dest.workload !== UNKNOWN) {
      let dest = dests.get(row.dest);
      if (!dest) dests.set(row.dest, (dest = destNodeOf(row.dest, row.destService, graphType, row.source.cluster)));
      return dest;
    }
    const key = `${peerKey(row.dest)}>${row.destService.host}>${row.destService.namespace}>${row.source.cluster}`;
    let dest = serviceDests.get(key);
    if (!dest) serviceDests.set(key, (dest = destNodeOf(row.dest, row.destService, graphType, row.source.cluster)));
    return dest;
  };
  const services = new Map<string, NodeSpec>();
  const serviceOf = (row: TrafficRow): NodeSpec => {
    const cluster = row.dest.cluster === UNKNOWN ? row.source.cluster : row.dest.cluster;
    const key = `${row.destService.host}>${row.destService.namespace}>${cluster}`;
    let spec = services.get(key);
    if (!spec) services.set(key, (spec = serviceNode(row.destService, cluster)));
    return spec;
  };
  return (row) => {
    let source = sources.get(row.source);
    if (!source) sources.set(row.source, (source = sourceNodeOf(row.source, graphType)));
    const dest = destOf(row);
    if (!options.injectServiceNodes || dest.nodeType === "service" || row.destService.host === UNKNOWN)
      return [{ source, dest, share: 1 }];
    const service = serviceOf(row);
    return [
      { source, dest: service, share: 1 },
      { source: service, dest, share: 1 },
    ];
  };
}

/**
 * The "namespace/workload" and "namespace/service" keys a node records, and the service
 * entry it stores, made once per interned peer or service rather than once per workload
 * edge: a fresh concatenated string must be flattened and hashed on every Set/Map insert.
 */
class NodeNames {
  private readonly workloads = new Map<Peer, string>();
  private readonly services = new Map<
    DestService,
    { key: string; cluster: string; entry: DestService & { cluster: string } }
  >();

  workloadKey(peer: Peer): string {
    let key = this.workloads.get(peer);
    if (key === undefined) this.workloads.set(peer, (key = `${peer.namespace}/${peer.workload}`));
    return key;
  }

  /** The value is rebuilt when the cluster differs (a service seen from two clusters). */
  service(service: DestService, cluster: string): { key: string; entry: DestService & { cluster: string } } {
    let found = this.services.get(service);
    if (found === undefined || found.cluster !== cluster) {
      found = { key: `${service.namespace}/${service.name}`, cluster, entry: { ...service, cluster } };
      this.services.set(service, found);
    }
    return found;
  }
}

export function buildTrafficMap(
  rows: readonly TrafficRow[],
  responseTimes: readonly EdgeFigureRow[],
  endpointsOf: EndpointsOf,
  throughputs: readonly EdgeFigureRow[] = [],
): TrafficMap {
  const map = createTrafficMap();
  // Rows of one workload-level edge (one per response code and flag) share their ends:
  // resolve nodes and edges once per workload edge, not once per row.
  // Indexed by edge key (a small integer).
  const wiring: ({ edge: EdgeModel; share: number; rate: number }[] | undefined)[] = [];
  const names = new NodeNames();
  const wire = (row: TrafficRow) => {
    const wired = endpointsOf(row).map(({ source: sourceSpec, dest: destSpec, share }) => {
      const source = ensureNode(map, sourceSpec);
      const dest = ensureNode(map, destSpec);
      if (row.source.workload !== UNKNOWN && sourceSpec.nodeType !== "service")
        source.workloads.add(names.workloadKey(row.source));
      if (row.dest.workload !== UNKNOWN && destSpec.nodeType !== "service")
        dest.workloads.add(names.workloadKey(row.dest));
      if (row.destService.host !== UNKNOWN) {
        const service = names.service(row.destService, destSpec.cluster);
        dest.destServices.set(service.key, service.entry);
      }
      return { edge: ensureEdge(map, source.data.id, dest.data.id, row.protocol), share, rate: 0 };
    });
    wiring[row.edgeKey] = wired;
    return wired;
  };
  for (const row of rows) {
    for (const w of wiring[row.edgeKey] ?? wire(row)) {
      w.edge.rows.push(w.share === 1 ? row : { ...row, rate: row.rate * w.share });
      w.rate += row.rate * w.share;
    }
  }
  for (const rt of responseTimes) {
    for (const w of wiring[rt.edgeKey] ?? []) addResponseTime(w.edge, rt.value, w.rate);
  }
  for (const t of throughputs) {
    for (const w of wiring[t.edgeKey] ?? []) w.edge.throughput = (w.edge.throughput ?? 0) + t.value * w.share;
  }
  return map;
}
