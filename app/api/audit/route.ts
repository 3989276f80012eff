import { auditListQuerySchema } from "@/lib/contracts/audit";
import { listAuditHistoryLive } from "@/server/audit";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/audit?namespaces=&kind=&name=&actor=&source=&status=&since=&until=&limit=&cursor= → AuditList */
export function GET(request: Request) {
  return respond(async () => {
    return listAuditHistoryLive(parseInput(auditListQuerySchema, searchParamsOf(request), "query"));
  });
}
