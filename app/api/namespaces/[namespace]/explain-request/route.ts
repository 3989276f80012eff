import { requestExplanationPathSchema, requestExplanationQuerySchema } from "@/lib/contracts/request-explanation";
import { explainRequestLive } from "@/server/diagnosis/explain-request-live";
import { respond } from "@/server/http/to-error-response";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/**
 * GET /api/namespaces/NS/explain-request?sourceWorkload=W&host=H&port=&path=&method=&headers=name:value (repeatable)
 * → what happens to that request, hop by hop (lib/contracts/request-explanation.ts).
 */
export function GET(request: Request, context: { params: Promise<{ namespace: string }> }) {
  return respond(async () => {
    const { namespace } = parseInput(requestExplanationPathSchema, await context.params, "path");
    const params = new URL(request.url).searchParams;
    const query = parseInput(
      requestExplanationQuerySchema,
      {
        sourceWorkload: params.get("sourceWorkload") ?? undefined,
        host: params.get("host") ?? undefined,
        port: params.get("port") ?? undefined,
        path: params.get("path") ?? undefined,
        method: params.get("method") ?? undefined,
        headers: params.getAll("headers"),
      },
      "query",
    );
    return explainRequestLive(namespace, query);
  });
}
