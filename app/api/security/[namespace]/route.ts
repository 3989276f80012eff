import { trafficPathSchema } from "@/lib/contracts/traffic";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";
import { getSecurityStateLive } from "@/server/security";

export const dynamic = "force-dynamic";

/** GET /api/security/{namespace} → SecurityState (mTLS per workload, conflicts, AuthorizationPolicies) */
export function GET(_request: Request, { params }: { params: Promise<{ namespace: string }> }) {
  return respond(async () => {
    const { namespace } = parseInput(trafficPathSchema.pick({ namespace: true }), await params, "path");
    return getSecurityStateLive(namespace);
  });
}
