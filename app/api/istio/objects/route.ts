import { createBodySchema, istioObjectListQuerySchema } from "@/lib/contracts/istio-objects";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { applyIstioYaml, listIstioObjectSummaries } from "@/server/istio-config-browser";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/** GET /api/istio/objects?namespaces=a,b → IstioObjectList */
export function GET(request: Request) {
  return respond(async () =>
    listIstioObjectSummaries(parseInput(istioObjectListQuerySchema, searchParamsOf(request), "query").namespaces),
  );
}

/** POST /api/istio/objects {yaml, namespace} → ApplyResponse (201); 409 when it already exists. */
export function POST(request: Request) {
  return respond(async () => applyIstioYaml({ mode: "create", ...(await readJsonBody(request, createBodySchema)) }), {
    status: 201,
  });
}
