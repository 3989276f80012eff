import { applyPolicyRequestSchema } from "@/lib/contracts/security";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { previewPolicyLive } from "@/server/security";

export const dynamic = "force-dynamic";

/** POST /api/security/authorization/preview {policy, comment?} → WizardPreview (diff, validations, dry run) */
export function POST(request: Request) {
  return respond(async () => {
    const body = await readJsonBody(request, applyPolicyRequestSchema);
    return previewPolicyLive(body.policy, body.comment);
  });
}
