import { auditIdSchema, rollbackRequestSchema } from "@/lib/contracts/audit";
import { rollbackToEntryLive } from "@/server/audit";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** POST /api/audit/{id}/rollback {to: "after"|"before", baseResourceVersion, comment?, confirm?} → RollbackResult */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return respond(async () => {
    const { id } = parseInput(auditIdSchema, await params, "path");
    const body = await readJsonBody(request, rollbackRequestSchema);
    return rollbackToEntryLive({ id, ...body });
  });
}
