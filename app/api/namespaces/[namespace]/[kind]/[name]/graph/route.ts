import { parseNodeGraphQuery } from "@/lib/contracts/graph";
import { nodeGraphPathSchema } from "@/lib/contracts/node-graph";
import { TopsailError } from "@/server/errors";
import { getGraph } from "@/server/graph";
import { parseInput } from "@/server/http/parse-input";
import { respondGraph } from "@/server/http/respond-graph";
import { respondWith } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/**
 * Kiali's node graph: GET /api/namespaces/NS/{applications|workloads|services}/NAME/graph?graphType=…
 * — the node, its callers and what it calls, with the namespace graph's parameters (less `namespaces`).
 */
export function GET(request: Request, context: { params: Promise<{ namespace: string; kind: string; name: string }> }) {
  return respondWith(async () => {
    const node = parseInput(nodeGraphPathSchema, await context.params, "path");
    const parsed = parseNodeGraphQuery(new URL(request.url).searchParams);
    if (!parsed.ok) throw new TopsailError("bad_request", parsed.message);
    const { format, ...query } = parsed.query;
    return respondGraph(format, () => getGraph({ ...query, namespaces: [node.namespace], node }));
  });
}
