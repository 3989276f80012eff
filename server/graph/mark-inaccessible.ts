/**
 * Marks the nodes of namespaces the viewer may not read as `isInaccessible`, as Kiali does
 * (issue 20; issue 16 dropped them). A peer in such a namespace was seen by the viewer's own
 * proxies — Prometheus measured the call at the viewer's side — so the node keeps its
 * identity, its edges and its traffic; everything that only reading its namespace would
 * tell is taken off: health, replicas, config badges, sidecar and liveness flags, the
 * services it was reached through. Its app box goes (a box says how the namespace's
 * workloads are versioned), and an edge with no visible end is dropped.
 */
import type { GraphNodeData, GraphResponse } from "@/lib/contracts/graph";

/** What a peer keeps: who it is and the traffic the viewer's proxies reported. */
const keptFields = [
  "id",
  "nodeType",
  "cluster",
  "namespace",
  "workload",
  "app",
  "version",
  "service",
  "traffic",
  "isOutside",
  "isRoot",
  "isGateway",
] as const satisfies readonly (keyof GraphNodeData)[];

function inaccessible(data: GraphNodeData): GraphNodeData {
  const kept: Partial<GraphNodeData> = {};
  for (const key of keptFields) if (data[key] !== undefined) Object.assign(kept, { [key]: data[key] });
  return { ...(kept as GraphNodeData), isInaccessible: true };
}

export function markInaccessible(graph: GraphResponse, hidden: ReadonlySet<string>): GraphResponse {
  if (hidden.size === 0) return graph;
  const isHidden = (d: GraphNodeData) => hidden.has(d.namespace);
  const droppedBoxes = new Set(
    graph.elements.nodes.filter((n) => n.data.isBox === "app" && isHidden(n.data)).map((n) => n.data.id),
  );
  const nodes = graph.elements.nodes
    .filter((n) => !droppedBoxes.has(n.data.id))
    .map((n) => {
      if (!isHidden(n.data)) return n;
      const data = inaccessible(n.data);
      // A namespace or cluster box around it still stands; its app box does not.
      if (n.data.parent !== undefined && !droppedBoxes.has(n.data.parent)) data.parent = n.data.parent;
      return { data };
    });
  const visible = new Set(nodes.filter((n) => !n.data.isInaccessible).map((n) => n.data.id));
  return {
    ...graph,
    elements: {
      nodes,
      edges: graph.elements.edges.filter((e) => visible.has(e.data.source) || visible.has(e.data.target)),
    },
  };
}
