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

/** The last few layouts asked, by request body: the same nodes and calls are laid out once. */
const recent = new Map<string, Promise<LayoutResult>>();
const keepRecent = 4;

async function requestLayout(body: string): Promise<LayoutResult> {
  markPaint("layout-start");
  const layout = await fetchJson(graphLayoutUrl, graphLayoutSchema, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body,
  });
  markPaint("layout-done");
  return fromGraphLayout(layout);
}

/**
 * Not a React Query query: the canvas asks when a graph brings new nodes. A request already
 * made for the same nodes and calls is answered by the same promise (ELK's layout of a graph
 * is always the same), so asking early and asking again costs one request.
 */
export function fetchGraphLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Promise<LayoutResult> {
  const body = JSON.stringify({
    nodes,
    edges: edges.map(({ id, source, target }) => ({ id, source, target })),
  });
  const asked = recent.get(body);
  if (asked) return asked;
  const layout = requestLayout(body);
  recent.set(body, layout);
  // A failed request is asked again next time.
  layout.catch(() => recent.delete(body));
  for (const old of recent.keys()) if (recent.size > keepRecent) recent.delete(old);
  return layout;
}
