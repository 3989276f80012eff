/**
 * Rows → nodes and edges. A graph type decides which node stands for each end of a row
 * (`Endpoints`); rows between the same two nodes over the same protocol merge into one
 * edge. A row can feed several edges (the service graph splits a caller that stands behind
 * two services), each with its share of the rate, so totals stay true.
 */
import "server-only";
import type { GraphType } from "@/lib/contracts/graph";
import { destNodeOf, sourceNodeOf, type NodeSpec } from "./node-identity";
import { addResponseTime, createTrafficMap, ensureEdge, ensureNode, type TrafficMap } from "./traffic-map";
import { UNKNOWN, workloadEdgeKey, type ResponseTimeRow, type TrafficRow } from "./traffic-row";

export interface Endpoints {
  source: NodeSpec;
  dest: NodeSpec;
  /** Share of the row's rate carried by this edge (1 unless a caller is split). */
  share: number;
}

export type EndpointsOf = (row: TrafficRow) => Endpoints[];

/** The ends of a row in a versionedApp, app or workload graph. */
export function endpointsFor(graphType: GraphType): EndpointsOf {
  return (row) => [{ source: sourceNodeOf(row.source, graphType), dest: destNodeOf(row.dest, row.destService, graphType, row.source.cluster), share: 1 }];
}

export function buildTrafficMap(rows: readonly TrafficRow[], responseTimes: readonly ResponseTimeRow[], endpointsOf: EndpointsOf): TrafficMap {
  const map = createTrafficMap();
  const edgesOfWorkloadEdge = new Map<string, Set<string>>();
  const rateOfEdgeByWorkloadEdge = new Map<string, number>();
  for (const row of rows) {
    const key = workloadEdgeKey(row);
    for (const { source: sourceSpec, dest: destSpec, share } of endpointsOf(row)) {
      const source = ensureNode(map, sourceSpec);
      const dest = ensureNode(map, destSpec);
      if (row.source.workload !== UNKNOWN && sourceSpec.nodeType !== "service") source.workloads.add(`${row.source.namespace}/${row.source.workload}`);
      if (row.dest.workload !== UNKNOWN && destSpec.nodeType !== "service") dest.workloads.add(`${row.dest.namespace}/${row.dest.workload}`);
      if (row.destService.host !== UNKNOWN) {
        dest.destServices.set(`${row.destService.namespace}/${row.destService.name}`, { ...row.destService, cluster: destSpec.cluster });
      }
      const edge = ensureEdge(map, source.data.id, dest.data.id, row.protocol);
      edge.rows.push(share === 1 ? row : { ...row, rate: row.rate * share });
      let edges = edgesOfWorkloadEdge.get(key);
      if (!edges) edgesOfWorkloadEdge.set(key, (edges = new Set()));
      edges.add(edge.id);
      const rateKey = `${key}#${edge.id}`;
      rateOfEdgeByWorkloadEdge.set(rateKey, (rateOfEdgeByWorkloadEdge.get(rateKey) ?? 0) + row.rate * share);
    }
  }
  for (const rt of responseTimes) {
    const key = workloadEdgeKey(rt);
    for (const edgeId of edgesOfWorkloadEdge.get(key) ?? []) {
      const edge = map.edges.get(edgeId);
      if (edge) addResponseTime(edge, rt.ms, rateOfEdgeByWorkloadEdge.get(`${key}#${edgeId}`) ?? 0);
    }
  }
  return map;
}
