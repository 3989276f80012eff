import { workloadLogsPathSchema, workloadLogsQuerySchema } from "@/lib/contracts/logs";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respondWith } from "@/server/http/to-error-response";
import { followWorkloadLogsLive } from "@/server/logs";

export const dynamic = "force-dynamic";

/**
 * GET /api/logs/workloads/NS/WORKLOAD/follow?… (the filters of the logs route) → NDJSON FollowEvents as lines are
 * written. `request.signal` aborts when the browser goes away, which closes the log requests to the API server.
 */
export function GET(request: Request, context: { params: Promise<{ namespace: string; workload: string }> }) {
  return respondWith(async () => {
    const target = parseInput(workloadLogsPathSchema, await context.params, "path");
    const query = parseInput(workloadLogsQuerySchema, searchParamsOf(request), "query");
    const stream = await followWorkloadLogsLive(target, query, request.signal);
    return new Response(stream, {
      headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" },
    });
  });
}
