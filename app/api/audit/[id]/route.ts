import { auditIdSchema } from "@/lib/contracts/audit";
import { getAuditEntryDetailLive } from "@/server/audit";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/audit/{id} → AuditEntryDetail */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => getAuditEntryDetailLive(parseInput(auditIdSchema, await params, "path").id));
}
