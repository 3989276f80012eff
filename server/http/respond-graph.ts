/**
 * A graph in the format its request asked for: Kiali's JSON, or DOT for Graphviz. The
 * namespace graph and the node graphs answer the same way.
 */
import "server-only";
import type { GraphFormat, GraphResponse } from "@/lib/contracts/graph";
import { toDot } from "@/server/graph/to-dot";
import { respond, respondWith } from "./to-error-response";

export function respondGraph(format: GraphFormat, build: () => Promise<GraphResponse>): Promise<Response> {
  if (format === "dot")
    return respondWith(
      async () =>
        new Response(toDot(await build()), { headers: { "Content-Type": "text/vnd.graphviz; charset=utf-8" } }),
    );
  return respond(build);
}
