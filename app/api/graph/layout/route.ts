import { graphLayoutRequestSchema, toGraphLayout } from "@/lib/contracts/graph-layout";
import { layOutOnServer } from "@/server/graph/lay-out";
import { readJsonBody } from "@/server/http/read-json-body";
import { respondWith } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** POST /api/graph/layout {nodes, edges} → where to draw them (lib/contracts/graph-layout.ts). */
export function POST(request: Request) {
  return respondWith(async () => {
    const { nodes, edges } = await readJsonBody(request, graphLayoutRequestSchema);
    const { layout, elapsedMs } = await layOutOnServer(nodes, edges);
    // Server-Timing: the browser's DevTools (and bench/graph-first-paint.bench.ts) show ELK's share.
    return Response.json(toGraphLayout(layout), { headers: { "Server-Timing": `elk;dur=${elapsedMs.toFixed(1)}` } });
  });
}
