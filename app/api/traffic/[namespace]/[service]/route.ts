import { trafficPathSchema } from "@/lib/contracts/traffic";
import { respond } from "@/server/http/to-error-response";
import { getTrafficStateLive } from "@/server/traffic";
import { parsePath } from "@/server/traffic/parse-path";

export const dynamic = "force-dynamic";

/** GET /api/traffic/{namespace}/{service} → TrafficState */
export function GET(_request: Request, { params }: { params: Promise<{ namespace: string; service: string }> }) {
  return respond(async () => {
    const path = parsePath(trafficPathSchema, await params);
    return getTrafficStateLive(path.namespace, path.service);
  });
}
