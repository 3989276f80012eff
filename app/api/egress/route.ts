import { egressQuerySchema } from "@/lib/contracts/egress";
import { getEgressViewLive } from "@/server/egress";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/egress?namespaces=a,b → EgressView */
export function GET(request: Request) {
  return respond(async () =>
    getEgressViewLive(parseInput(egressQuerySchema, searchParamsOf(request), "query").namespaces),
  );
}
