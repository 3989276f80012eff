import { validateYamlRequestSchema } from "@/lib/contracts/istio-objects";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { validateIstioYaml } from "@/server/istio-config-browser";

export const dynamic = "force-dynamic";

/** POST /api/istio/objects/validate {yaml, target} → ValidateYamlResponse; writes nothing. */
export function POST(request: Request) {
  return respond(async () => validateIstioYaml(await readJsonBody(request, validateYamlRequestSchema)));
}
