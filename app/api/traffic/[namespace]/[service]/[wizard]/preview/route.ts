import { wizardPathSchema, wizardRequestSchema } from "@/lib/contracts/traffic";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { previewWizardLive } from "@/server/traffic";
import { parseInput } from "@/server/http/parse-input";

export const dynamic = "force-dynamic";

/**
 * POST /api/traffic/{namespace}/{service}/{wizard}/preview {input, base?, comment?} → WizardPreview (nothing written)
 */
export function POST(
  request: Request,
  { params }: { params: Promise<{ namespace: string; service: string; wizard: string }> },
) {
  return respond(async () => {
    const path = parseInput(wizardPathSchema, await params, "path");
    const body = await readJsonBody(request, wizardRequestSchema(path.wizard));
    return previewWizardLive(path.namespace, path.service, path.wizard, body);
  });
}
