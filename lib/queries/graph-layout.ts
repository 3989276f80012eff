/** The graph's layout, asked of the server (contract: lib/contracts/graph-layout.ts). */
import type { LayoutEdge, LayoutNode, LayoutResult } from "@/lib/graph-view/layout";
import { fromGraphLayout, graphLayoutSchema, graphLayoutUrl } from "@/lib/contracts/graph-layout";
import { markPaint } from "@/lib/graph-view/paint-marks";
import { fetchJson } from "./fetch-json";

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
