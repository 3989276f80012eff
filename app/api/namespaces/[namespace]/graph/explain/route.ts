import { parseFlagExplanationQuery } from "@/lib/contracts/flag-explanation";
import { respond, toErrorResponse } from "@/server/http/to-error-response";
import { TopsailError } from "@/server/errors";
import { explainEdgeFlagsLive } from "@/server/diagnosis/explain-flags-live";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ namespace: string }> };

/** Why an edge's requests carry their flags: GET /api/namespaces/{ns}/graph/explain?sourceNamespace=…&destService=… */
export async function GET(request: Request, { params }: Context) {
  const { namespace } = await params;
  const parsed = parseFlagExplanationQuery(namespace, new URL(request.url).searchParams);
  if (!parsed.ok) return toErrorResponse(new TopsailError("bad_request", parsed.message));
  return respond(() => explainEdgeFlagsLive(parsed.query));
}
