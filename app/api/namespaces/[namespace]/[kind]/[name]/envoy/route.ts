import { envoyPathSchema, envoyQuerySchema } from "@/lib/contracts/envoy";
import { getEnvoySummary } from "@/server/envoy";
import { respond } from "@/server/http/to-error-response";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/namespaces/NS/workloads/NAME/envoy?pod=POD → the pod proxy's clusters, listeners, routes, endpoints. */
export function GET(request: Request, context: { params: Promise<{ namespace: string; kind: string; name: string }> }) {
  return respond(async () => {
    const { namespace, name } = parseInput(envoyPathSchema, await context.params, "path");
    const { pod } = parseInput(envoyQuerySchema, searchParamsOf(request, ["pod"]), "query");
    return getEnvoySummary({ namespace, workload: name, pod });
  });
}
