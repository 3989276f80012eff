import { injectionChangeSchema, itemPathSchema } from "@/lib/contracts/inventory";
import { TopsailError } from "@/server/errors";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";
import { setWorkloadInjection } from "@/server/sidecar-injection";

export const dynamic = "force-dynamic";

/**
 * PATCH /api/namespaces/NS/workloads/NAME/sidecar-injection
 * {enabled, resourceVersion} → the pod template annotation, audited.
 */
export function PATCH(
  request: Request,
  context: { params: Promise<{ namespace: string; kind: string; name: string }> },
) {
  return respond(async () => {
    const { namespace, kind, name } = parseInput(itemPathSchema, await context.params, "path");
    if (kind !== "workloads")
      throw new TopsailError(
        "not_found",
        "Sidecar injection is set on a workload (or its namespace), not on an application or a service.",
      );
    return setWorkloadInjection(namespace, name, await readJsonBody(request, injectionChangeSchema));
  });
}
