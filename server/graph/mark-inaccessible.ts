/**
 * Marks the nodes of namespaces whose workloads the viewer may not read as Kiali's
 * `isInaccessible` (issue 20): the viewer may see the namespace — else its nodes were taken
 * out already (hide-namespaces.ts, issue 16) — but the API server refuses them `list pods`
 * there, so the pages a node opens (workload, app) would show them nothing of their own.
 * The node keeps its traffic: Prometheus measured it, and the namespace is one they may see.
 * App boxes of such a namespace are marked too: they open the same pages. The caller names
 * only real namespaces, so "unknown" peers and hosts outside the mesh are never marked.
 */
import type { GraphResponse } from "@/lib/contracts/graph";

export function markInaccessible(graph: GraphResponse, unreadable: ReadonlySet<string>): GraphResponse {
  if (unreadable.size === 0) return graph;
  return {
    ...graph,
    elements: {
      ...graph.elements,
      // As Kiali, the flag is written only when true: absent means false.
      nodes: graph.elements.nodes.map((n) =>
        unreadable.has(n.data.namespace) ? { data: { ...n.data, isInaccessible: true } } : n,
      ),
    },
  };
}
