import { injectionChangeSchema, namespacePathSchema } from "@/lib/contracts/inventory";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";
import { setNamespaceInjection } from "@/server/sidecar-injection";

export const dynamic = "force-dynamic";

/**
 * PATCH /api/namespaces/NS/sidecar-injection {enabled, resourceVersion} → sets the `istio-injection` label, audited.
 */
export function PATCH(request: Request, context: { params: Promise<{ namespace: string }> }) {
  return respond(async () => {
    const { namespace } = parseInput(namespacePathSchema, await context.params, "path");
    return setNamespaceInjection(namespace, await readJsonBody(request, injectionChangeSchema));
  });
}
