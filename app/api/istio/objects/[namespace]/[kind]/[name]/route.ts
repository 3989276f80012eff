import { deleteQuerySchema, objectRefSchema, updateBodySchema } from "@/lib/contracts/istio-objects";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { applyIstioYaml, deleteIstioObjectAt, getIstioObjectDetail } from "@/server/istio-config-browser";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; kind: string; name: string }> };

/** GET /api/istio/objects/{namespace}/{kind}/{name} → IstioObjectDetail */
export function GET(_request: Request, { params }: Params) {
  return respond(async () => getIstioObjectDetail(parseInput(objectRefSchema, await params, "path")));
}

/** PUT … {yaml, baseResourceVersion} → ApplyResponse; 409 `conflict` (details.conflicts[].live) when it moved on. */
export function PUT(request: Request, { params }: Params) {
  return respond(async () => {
    const target = parseInput(objectRefSchema, await params, "path");
    return applyIstioYaml({ mode: "update", target, ...(await readJsonBody(request, updateBodySchema)) });
  });
}

/** DELETE …?resourceVersion=N → ApplyResponse; 409 when the object changed since that version. */
export function DELETE(request: Request, { params }: Params) {
  return respond(async () => {
    const ref = parseInput(objectRefSchema, await params, "path");
    return deleteIstioObjectAt(ref, parseInput(deleteQuerySchema, searchParamsOf(request), "query").resourceVersion);
  });
}
