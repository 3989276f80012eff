/**
 * Takes the nodes of namespaces the viewer may not see out of a graph, with every edge that
 * touches them and the app boxes they sat in (issue 16). Kiali keeps such peers as
 * "inaccessible" nodes; Topsail drops them instead, because an anonymised node still tells
 * a viewer that a namespace they cannot list talks to theirs, and at what rate — the
 * viewer's own nodes keep their traffic totals, which Prometheus measured at them. Kiali's
 * flag is kept for namespaces the viewer may see but not read (mark-inaccessible.ts).
 */
import type { GraphResponse } from "@/lib/contracts/graph";

export function hideNamespaces(graph: GraphResponse, hidden: ReadonlySet<string>): GraphResponse {
  if (hidden.size === 0) return graph;
  const nodes = graph.elements.nodes.filter((n) => !hidden.has(n.data.namespace));
  const kept = new Set(nodes.map((n) => n.data.id));
  return {
    ...graph,
    elements: {
      nodes: nodes.map((n) => {
        if (n.data.parent === undefined || kept.has(n.data.parent)) return n;
        const { parent: _parent, ...data } = n.data;
        return { data };
      }),
      edges: graph.elements.edges.filter((e) => kept.has(e.data.source) && kept.has(e.data.target)),
    },
  };
}
