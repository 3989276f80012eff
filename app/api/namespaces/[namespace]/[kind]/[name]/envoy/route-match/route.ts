import { envoyPathSchema, routeMatchQuerySchema } from "@/lib/contracts/envoy";
import { explainEnvoyRoute } from "@/server/envoy";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/**
 * GET /api/namespaces/NS/workloads/NAME/envoy/route-match?pod=POD&host=H&path=P&headers=name:value (repeatable)
 * → the route the pod's proxy picks for that request, with the decision trail.
 */
export function GET(request: Request, context: { params: Promise<{ namespace: string; kind: string; name: string }> }) {
  return respond(async () => {
    const { namespace, name } = parseInput(envoyPathSchema, await context.params, "path");
    const params = new URL(request.url).searchParams;
    const query = parseInput(
      routeMatchQuerySchema,
      {
        pod: params.get("pod") ?? undefined,
        host: params.get("host") ?? undefined,
        path: params.get("path") ?? undefined,
        headers: params.getAll("headers"),
      },
      "query",
    );
    return explainEnvoyRoute({ namespace, workload: name, pod: query.pod }, query);
  });
}
