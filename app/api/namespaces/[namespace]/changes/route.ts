import { changesQuerySchema } from "@/lib/contracts/changes";
import { namespacePathSchema } from "@/lib/contracts/inventory";
import { listChangesLive } from "@/server/changes";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/changes?from=&to=&service=|workload=|app= → ChangeList (newest first) */
export function GET(request: Request, context: { params: Promise<{ namespace: string }> }) {
  return respond(async () => {
    const { namespace } = parseInput(namespacePathSchema, await context.params, "path");
    const query = parseInput(
      changesQuerySchema,
      searchParamsOf(request, ["from", "to", "service", "workload", "app"]),
      "query",
    );
    return listChangesLive(namespace, query);
  });
}
