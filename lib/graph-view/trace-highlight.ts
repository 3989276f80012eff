/**
 * "Show this trace on the graph": which nodes and edges of the graph a trace's path went
 * through (its hops come from server/tracing/trace-path.ts as workload or service refs). A
 * workload ref matches the node that stands for that workload in each graph type — the
 * versioned-app or workload node carrying its name, else (app graph) the app node; a
 * service ref (a call no pod answered) matches the service node. A hop lights the edge
 * between its ends, or both edges through a service node where the graph draws one between.
 */
import type { TraceNodeRef, TracePath } from "@/lib/contracts/tracing";
import type { ViewGraph, ViewNode } from "./view-model";

export interface TraceHighlight {
  nodes: Set<string>;
  edges: Set<string>;
  /** Edges of hops that failed (a 5xx, an abort, no response). */
  errorEdges: Set<string>;
  /** Hops with no edge on this graph (another namespace, or outside the window). */
  missingHops: number;
}

export function nodesOfRef(graph: ViewGraph, ref: TraceNodeRef): ViewNode[] {
  const leaves = graph.nodes.filter((n) => n.kind !== "box" && n.namespace === ref.namespace);
  if (ref.service) return leaves.filter((n) => n.kind === "service" && n.service === ref.service);
  const byWorkload = leaves.filter((n) => n.workload === ref.workload && n.kind !== "service");
  if (byWorkload.length > 0) return byWorkload;
  return ref.app ? leaves.filter((n) => n.kind === "app" && n.app === ref.app) : [];
}

export function traceHighlight(graph: ViewGraph, path: TracePath): TraceHighlight {
  const refs = new Map(path.nodes.map((r) => [r.key, r]));
  const ids = new Map([...refs].map(([key, ref]) => [key, new Set(nodesOfRef(graph, ref).map((n) => n.id))]));
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const errorEdges = new Set<string>();
  let missingHops = 0;
  for (const hop of path.hops) {
    const from = ids.get(hop.from) ?? new Set<string>();
    const to = ids.get(hop.to) ?? new Set<string>();
    for (const id of [...from, ...to]) nodes.add(id);
    const lit = graph.edges.filter((e) => from.has(e.source) && to.has(e.target));
    if (lit.length === 0) {
      // workload → service → workload, as graphs with service nodes draw a request.
      const viaService = new Set(
        graph.edges
          .filter((e) => from.has(e.source) && graph.nodeById.get(e.target)?.kind === "service")
          .map((e) => e.target),
      );
      for (const e of graph.edges) {
        const first =
          from.has(e.source) &&
          viaService.has(e.target) &&
          graph.edges.some((n) => n.source === e.target && to.has(n.target));
        const second = viaService.has(e.source) && to.has(e.target);
        if (first || second) {
          lit.push(e);
          if (viaService.has(e.target)) nodes.add(e.target);
        }
      }
    }
    if (lit.length === 0) missingHops += 1;
    for (const e of lit) {
      edges.add(e.id);
      if (hop.error) errorEdges.add(e.id);
    }
  }
  // An app box stays lit around a lit version.
  for (const n of graph.nodes) if (n.parent && nodes.has(n.id)) nodes.add(n.parent);
  return { nodes, edges, errorEdges, missingHops };
}
