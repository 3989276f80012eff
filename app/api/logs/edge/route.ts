import { edgeLogsInput, edgeLogsQuerySchema } from "@/lib/contracts/logs";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";
import { readEdgeLogsLive } from "@/server/logs";

export const dynamic = "force-dynamic";

/** GET /api/logs/edge?sourceNamespace=&sourceWorkload=&…&destService=&code=&flag= → the edge's access lines. */
export function GET(request: Request) {
  return respond(async () =>
    readEdgeLogsLive(parseInput(edgeLogsQuerySchema, edgeLogsInput(searchParamsOf(request)), "query")),
  );
}
