import { namespacePathSchema } from "@/lib/contracts/inventory";
import { getTimeoutBudgetLive } from "@/server/diagnosis";
import { parseInput } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/{ns}/budget → TimeoutBudget (lib/contracts/budget.ts): timeouts and retries of call paths. */
export function GET(_request: Request, { params }: { params: Promise<{ namespace: string }> }) {
  return respond(async () => {
    const { namespace } = parseInput(namespacePathSchema, await params, "path");
    return getTimeoutBudgetLive(namespace);
  });
}
