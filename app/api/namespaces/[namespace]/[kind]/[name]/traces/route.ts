import { itemPathSchema } from "@/lib/contracts/inventory";
import { traceListQuerySchema } from "@/lib/contracts/tracing";
import { respond } from "@/server/http/to-error-response";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { listTracesLive } from "@/server/tracing";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/{kind}/NAME/traces?range=S&minDuration=MS&errorsOnly&tags&limit → recent traces. */
export function GET(request: Request, context: { params: Promise<{ namespace: string; kind: string; name: string }> }) {
  return respond(async () => {
    const target = parseInput(itemPathSchema, await context.params, "path");
    const query = parseInput(
      traceListQuerySchema,
      searchParamsOf(request, ["range", "minDuration", "errorsOnly", "tags", "limit"]),
      "query",
    );
    return listTracesLive(target, query);
  });
}
