import { listPathSchema } from "@/lib/contracts/inventory";
import { respond } from "@/server/http/to-error-response";
import { listInventory } from "@/server/inventory";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/{applications|workloads|services} → the list with health and config refs. */
export function GET(_request: Request, context: { params: Promise<{ namespace: string; kind: string }> }) {
  return respond(async () => {
    const { namespace, kind } = parseInput(listPathSchema, await context.params, "path");
    return listInventory(kind, namespace);
  });
}
