import { generateRequestSchema } from "@/lib/contracts/security";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { generateAllowObservedLive } from "@/server/security";

export const dynamic = "force-dynamic";

/** POST /api/security/authorization/generate {namespace, workload?, windowSeconds} → GeneratedPolicy (no write) */
export function POST(request: Request) {
  return respond(async () => {
    const { namespace, workload, windowSeconds } = await readJsonBody(request, generateRequestSchema);
    return generateAllowObservedLive({ namespace, workload }, windowSeconds);
  });
}
