import { itemPathSchema } from "@/lib/contracts/inventory";
import { metricsQuerySchema } from "@/lib/contracts/metrics";
import { respond } from "@/server/http/to-error-response";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { getMetrics } from "@/server/metrics";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/{kind}/NAME/metrics?direction=inbound|outbound&range=SECONDS → one chart per range query. */
export function GET(request: Request, context: { params: Promise<{ namespace: string; kind: string; name: string }> }) {
  return respond(async () => {
    const target = parseInput(itemPathSchema, await context.params, "path");
    const { direction, range } = parseInput(
      metricsQuerySchema,
      searchParamsOf(request, ["direction", "range"]),
      "query",
    );
    return getMetrics({ target, direction, rangeSeconds: range });
  });
}
