import { gatewayRefSchema } from "@/lib/contracts/gateways";
import { getGatewayDetailLive } from "@/server/gateways";
import { parseInput } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; name: string }> };

/** GET /api/gateways/{namespace}/{name} → GatewayDetail (credential Secrets read as the viewer) */
export function GET(_request: Request, { params }: Params) {
  return respond(async () => {
    const ref = parseInput(gatewayRefSchema, await params, "path");
    return getGatewayDetailLive(ref.namespace, ref.name);
  });
}
