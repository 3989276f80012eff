import { workloadLogsPathSchema, workloadLogsQuerySchema } from "@/lib/contracts/logs";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";
import { readWorkloadLogsLive } from "@/server/logs";

export const dynamic = "force-dynamic";

/** GET /api/logs/workloads/NS/WORKLOAD?pod=&container=&tailLines=&sinceSeconds=&search=&code=&flag=&direction=&peer= */
export function GET(request: Request, context: { params: Promise<{ namespace: string; workload: string }> }) {
  return respond(async () => {
    const target = parseInput(workloadLogsPathSchema, await context.params, "path");
    const query = parseInput(workloadLogsQuerySchema, searchParamsOf(request), "query");
    return readWorkloadLogsLive(target, query);
  });
}
