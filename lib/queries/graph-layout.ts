/** The graph's layout, asked of the server (contract: lib/contracts/graph-layout.ts). */
import type { LayoutEdge, LayoutNode, LayoutResult } from "@/lib/graph-view/layout";
import { fromGraphLayout, graphLayoutSchema, graphLayoutUrl } from "@/lib/contracts/graph-layout";
import { markPaint } from "@/lib/graph-view/paint-marks";
import { fetchJson, prefetchCsrfToken } from "./fetch-json";

/**
 * Readies the layout request before the first graph arrives: it is a POST, so it carries the
 * session's CSRF token, fetched now rather than when the graph is waiting for its layout.
 */
export function prepareGraphLayout(): void {
  prefetchCsrfToken();
}

/** Not a React Query query: the canvas asks when a graph brings new nodes, and uses the answer once. */
export async function fetchGraphLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
  markPaint("layout-start");
  const body = JSON.stringify({
    nodes,
    edges: edges.map(({ id, source, target }) => ({ id, source, target })),
  });
  const layout = await fetchJson(graphLayoutUrl, graphLayoutSchema, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  markPaint("layout-done");
  return fromGraphLayout(layout);
}
