import { policyDetailQuerySchema, policyPathSchema } from "@/lib/contracts/security";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";
import { getPolicyDetailLive } from "@/server/security";

export const dynamic = "force-dynamic";

/** GET /api/security/policies/{namespace}/{name}?windowSeconds=3600 → AuthorizationPolicyDetail */
export function GET(request: Request, { params }: { params: Promise<{ namespace: string; name: string }> }) {
  return respond(async () => {
    const ref = parseInput(policyPathSchema, await params, "path");
    const { windowSeconds } = parseInput(policyDetailQuerySchema, searchParamsOf(request, ["windowSeconds"]), "query");
    return getPolicyDetailLive(ref, windowSeconds);
  });
}
