import { auditIdSchema, rollbackRequestSchema } from "@/lib/contracts/audit";
import { rollbackToEntryLive } from "@/server/audit";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { parsePath } from "@/server/traffic/parse-path";

export const dynamic = "force-dynamic";

/** POST /api/audit/{id}/rollback {to: "after"|"before", baseResourceVersion, comment?} → RollbackResult */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    const { id } = parsePath(auditIdSchema, await params);
    const body = await readJsonBody(request, rollbackRequestSchema);
    return rollbackToEntryLive({ id, ...body });
  });
}
