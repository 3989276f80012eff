import { exposeRequestSchema } from "@/lib/contracts/expose";
import { trafficPathSchema } from "@/lib/contracts/traffic";
import { parseInput } from "@/server/http/parse-input";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { previewExposeServiceLive } from "@/server/traffic";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ namespace: string; service: string }> };

/** POST /api/expose/{namespace}/{service}/preview {input, comment?} → ExposePreview (diffs, checks, Secret facts) */
export function POST(request: Request, { params }: Params) {
  return respond(async () => {
    const path = parseInput(trafficPathSchema, await params, "path");
    return previewExposeServiceLive(path.namespace, path.service, await readJsonBody(request, exposeRequestSchema));
  });
}
