import { replayRequestSchema } from "@/lib/contracts/security";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { replayAuthorizationLive } from "@/server/security";

export const dynamic = "force-dynamic";

/** POST /api/security/authorization/replay {policy, windowSeconds} → AuthorizationReplay (nothing written) */
export function POST(request: Request) {
  return respond(async () => {
    const body = await readJsonBody(request, replayRequestSchema);
    return replayAuthorizationLive(body.policy, body.windowSeconds);
  });
}
