import { parseGraphCompareQuery } from "@/lib/contracts/graph-compare";
import { respond, toErrorResponse } from "@/server/http/to-error-response";
import { TopsailError } from "@/server/errors";
import { getGraphComparison } from "@/server/graph";

export const dynamic = "force-dynamic";

/** Two windows of the graph compared: GET /api/namespaces/graph/compare?namespaces=…&before=…&after=…&duration=… */
export async function GET(request: Request) {
  const parsed = parseGraphCompareQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return toErrorResponse(new TopsailError("bad_request", parsed.message));
  return respond(() => getGraphComparison(parsed.query));
}
