import { auditIdSchema } from "@/lib/contracts/audit";
import { getAuditEntryDetailLive } from "@/server/audit";
import { respond } from "@/server/http/to-error-response";
import { parsePath } from "@/server/traffic/parse-path";

export const dynamic = "force-dynamic";

/** GET /api/audit/{id} → AuditEntryDetail */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => getAuditEntryDetailLive(parsePath(auditIdSchema, await params).id));
}
