import { z } from "zod";
import { requestIdSchema, requestLookupQuerySchema } from "@/lib/contracts/tracing";
import { respond } from "@/server/http/to-error-response";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { findTraceByRequestIdLive } from "@/server/tracing";

export const dynamic = "force-dynamic";

const pathSchema = z.object({ requestId: requestIdSchema });

/** GET /api/traces/request/REQUEST_ID?namespace=NS&workload=W → the trace of the request an access-log line logged. */
export function GET(request: Request, context: { params: Promise<{ requestId: string }> }) {
  return respond(async () => {
    const { requestId } = parseInput(pathSchema, await context.params, "path");
    const { namespace, workload } = parseInput(
      requestLookupQuerySchema,
      searchParamsOf(request, ["namespace", "workload"]),
      "query",
    );
    return findTraceByRequestIdLive({ namespace, workload, requestId });
  });
}
