import { trafficPathSchema } from "@/lib/contracts/traffic";
import { respond } from "@/server/http/to-error-response";
import { getTrafficStateLive } from "@/server/traffic";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/traffic/{namespace}/{service} → TrafficState */
export function GET(_request: Request, { params }: { params: Promise<{ namespace: string; service: string }> }) {
  return respond(async () => {
    const path = parseInput(trafficPathSchema, await params, "path");
    return getTrafficStateLive(path.namespace, path.service);
  });
}
