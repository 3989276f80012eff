import { applyPolicyRequestSchema } from "@/lib/contracts/security";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { applyPolicyLive } from "@/server/security";

export const dynamic = "force-dynamic";

/** POST /api/security/authorization/apply {policy, comment?} → AppliedPolicy (the write path, audited) */
export function POST(request: Request) {
  return respond(async () => {
    const body = await readJsonBody(request, applyPolicyRequestSchema);
    return applyPolicyLive(body.policy, body.comment);
  });
}
