import { itemPathSchema, windowQuerySchema } from "@/lib/contracts/inventory";
import { respond } from "@/server/http/to-error-response";
import { getTraffic } from "@/server/inventory";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/{kind}/NAME/traffic?duration=SECONDS → inbound and outbound peers. */
export function GET(request: Request, context: { params: Promise<{ namespace: string; kind: string; name: string }> }) {
  return respond(async () => {
    const { namespace, kind, name } = parseInput(itemPathSchema, await context.params, "path");
    const { duration } = parseInput(windowQuerySchema, searchParamsOf(request, ["duration"]), "query");
    return getTraffic(kind, namespace, name, duration);
  });
}
