import { itemPathSchema } from "@/lib/contracts/inventory";
import { respond } from "@/server/http/to-error-response";
import { getInventoryDetail } from "@/server/inventory";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/{kind}/NAME → the detail page's overview data. */
export function GET(
  _request: Request,
  context: { params: Promise<{ namespace: string; kind: string; name: string }> },
) {
  return respond(async () => {
    const { namespace, kind, name } = parseInput(itemPathSchema, await context.params, "path");
    return getInventoryDetail(kind, namespace, name);
  });
}
