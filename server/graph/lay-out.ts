/**
 * The graph's layout, run on the server for the page (POST /api/graph/layout). ELK's layered
 * algorithm (lib/graph-view/layout.ts) is the same code the page ran before; here it runs in
 * a process where it is already loaded and its code already optimised (by earlier graphs,
 * and from the start by warm-up-layout.ts), which is ~3x faster than a page's first, cold run
 * and spares every page ELK's 1.6 MB.
 * It runs on the event loop, like parsing a large Prometheus answer: ~0.2 s for 500 nodes
 * (bench/graph-first-paint.bench.ts prints it from the Server-Timing header), and the
 * contract caps a request at 5,000 nodes.
 */
import "server-only";
import { layoutGraph, type LayoutEdge, type LayoutNode, type LayoutResult } from "@/lib/graph-view/layout";
import { TopsailError } from "@/server/errors";

export async function layOutOnServer(
  nodes: LayoutNode[],
  edges: LayoutEdge[],
): Promise<{ layout: LayoutResult; elapsedMs: number }> {
  const started = performance.now();
  try {
    const layout = await layoutGraph(nodes, edges);
    return { layout, elapsedMs: performance.now() - started };
  } catch (error) {
    // The contract refuses the inputs known to break ELK (ids given twice, a box id that is a
    // node's); anything else ELK refuses is still about the graph sent, so it is the sender's to fix.
    const reason = error instanceof Error ? error.message : String(error);
    throw new TopsailError("bad_request", `ELK could not lay out this graph: ${reason}`);
  }
}
