/**
 * The graph while it is being built: nodes and edges keyed by their stable ids, each edge
 * holding the de-duplicated telemetry rows it stands for. The steps that follow (rates,
 * flags, health, badges) read and decorate it; `toGraphResponse` freezes it into the
 * contract's shape.
 */
import "server-only";
import type { GraphEdgeData, GraphNodeData, Protocol } from "@/lib/contracts/graph";
import type { NodeSpec } from "./node-identity";
import type { ClassTotals } from "@/server/health/response-classes";
import { stableId } from "./node-identity";
import type { DestService, TrafficRow } from "./traffic-row";

export interface NodeModel {
  data: GraphNodeData;
  /** "namespace/workload" of the cluster workloads this node stands for. */
  workloads: Set<string>;
  /** Keyed by "namespace/name". */
  destServices: Map<string, DestService & { cluster: string }>;
}

export interface EdgeModel {
  id: string;
  source: string;
  target: string;
  protocol: Protocol;
  rows: TrafficRow[];
  /** Response time, rate-weighted over the workload-level edges merged into this one. */
  responseTime?: { weightedMs: number; weight: number };
  /** HTTP/gRPC body bytes/s, summed over the workload-level edges merged into this one. */
  throughput?: number;
  /** Rates by response class over `rows`, set by computeEdgeRates (health reuses them). */
  totals?: ClassTotals;
  data?: GraphEdgeData;
}

export interface TrafficMap {
  nodes: Map<string, NodeModel>;
  edges: Map<string, EdgeModel>;
}

export function createTrafficMap(): TrafficMap {
  return { nodes: new Map(), edges: new Map() };
}

export function ensureNode(map: TrafficMap, spec: NodeSpec): NodeModel {
  let node = map.nodes.get(spec.id);
  if (!node) {
    const data: GraphNodeData = {
      id: spec.id,
      nodeType: spec.nodeType,
      cluster: spec.cluster,
      namespace: spec.namespace,
    };
    if (spec.workload !== undefined) data.workload = spec.workload;
    if (spec.app !== undefined) data.app = spec.app;
    if (spec.version !== undefined) data.version = spec.version;
    if (spec.service !== undefined) data.service = spec.service;
    node = { data, workloads: new Set(), destServices: new Map() };
    map.nodes.set(spec.id, node);
  }
  return node;
}

export function edgeIdOf(source: string, target: string, protocol: Protocol): string {
  return stableId(source, target, protocol);
}

export function ensureEdge(map: TrafficMap, source: string, target: string, protocol: Protocol): EdgeModel {
  const id = edgeIdOf(source, target, protocol);
  let edge = map.edges.get(id);
  if (!edge) {
    edge = { id, source, target, protocol, rows: [] };
    map.edges.set(id, edge);
  }
  return edge;
}

export function addResponseTime(edge: EdgeModel, ms: number, weight: number): void {
  const w = weight > 0 ? weight : 1e-9; // an edge with a time but no counted rate still gets it
  edge.responseTime ??= { weightedMs: 0, weight: 0 };
  edge.responseTime.weightedMs += ms * w;
  edge.responseTime.weight += w;
}
