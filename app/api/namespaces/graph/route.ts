import { parseGraphQuery } from "@/lib/contracts/graph";
import { respondGraph } from "@/server/http/respond-graph";
import { toErrorResponse } from "@/server/http/to-error-response";
import { TopsailError } from "@/server/errors";
import { getGraph } from "@/server/graph";

export const dynamic = "force-dynamic";

/** Kiali's graph endpoint: GET /api/namespaces/graph?namespaces=a,b&graphType=…&format=json|dot */
export async function GET(request: Request) {
  const parsed = parseGraphQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return toErrorResponse(new TopsailError("bad_request", parsed.message));
  const { format, ...graphRequest } = parsed.query;
  return respondGraph(format, () => getGraph(graphRequest));
}
