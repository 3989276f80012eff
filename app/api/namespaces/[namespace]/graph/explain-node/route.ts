import { parseNodeFlagExplanationQuery } from "@/lib/contracts/flag-explanation";
import { respond, toErrorResponse } from "@/server/http/to-error-response";
import { TopsailError } from "@/server/errors";
import { explainNodeFlagsLive } from "@/server/diagnosis/explain-flags-live";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ namespace: string }> };

/** Why a node's inbound requests carry their flags: GET /api/namespaces/{ns}/graph/explain-node?kind=…&name=… */
export async function GET(request: Request, { params }: Context) {
  const { namespace } = await params;
  const parsed = parseNodeFlagExplanationQuery(namespace, new URL(request.url).searchParams);
  if (!parsed.ok) return toErrorResponse(new TopsailError("bad_request", parsed.message));
  return respond(() => explainNodeFlagsLive(parsed.query));
}
