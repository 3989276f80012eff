import { parseGraphQuery } from "@/lib/contracts/graph";
import { respond, respondWith, toErrorResponse } from "@/server/http/to-error-response";
import { TopsailError } from "@/server/errors";
import { getGraph, toDot } from "@/server/graph";

export const dynamic = "force-dynamic";

/** Kiali's graph endpoint: GET /api/namespaces/graph?namespaces=a,b&graphType=…&format=json|dot */
export async function GET(request: Request) {
  const parsed = parseGraphQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return toErrorResponse(new TopsailError("bad_request", parsed.message));
  const { format, ...graphRequest } = parsed.query;
  if (format === "dot") {
    return respondWith(
      async () =>
        new Response(toDot(await getGraph(graphRequest)), {
          headers: { "Content-Type": "text/vnd.graphviz; charset=utf-8" },
        }),
    );
  }
  return respond(() => getGraph(graphRequest));
}
