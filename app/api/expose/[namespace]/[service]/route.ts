import { exposeRequestSchema } from "@/lib/contracts/expose";
import { trafficPathSchema } from "@/lib/contracts/traffic";
import { parseInput } from "@/server/http/parse-input";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { applyExposeServiceLive } from "@/server/traffic";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; service: string }> };

/** POST /api/expose/{namespace}/{service} {input, comment?} → WizardApplied (Gateway and VirtualService, audited) */
export function POST(request: Request, { params }: Params) {
  return respond(async () => {
    const path = parseInput(trafficPathSchema, await params, "path");
    return applyExposeServiceLive(path.namespace, path.service, await readJsonBody(request, exposeRequestSchema));
  });
}
