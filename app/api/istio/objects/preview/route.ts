import { writeRequestSchema } from "@/lib/contracts/istio-objects";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { previewIstioYaml } from "@/server/istio-config-browser";

export const dynamic = "force-dynamic";

/**
 * POST /api/istio/objects/preview {mode, yaml, …} → PreviewResponse:
 * validation and the API server's dry-run; writes nothing.
 */
export function POST(request: Request) {
  return respond(async () => previewIstioYaml(await readJsonBody(request, writeRequestSchema)));
}
