import { gatewayListQuerySchema } from "@/lib/contracts/gateways";
import { listGatewaysLive } from "@/server/gateways";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/gateways?namespaces=a,b → GatewaySummary[] */
export function GET(request: Request) {
  return respond(async () =>
    listGatewaysLive(parseInput(gatewayListQuerySchema, searchParamsOf(request), "query").namespaces),
  );
}
