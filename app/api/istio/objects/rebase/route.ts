import { rebaseRequestSchema } from "@/lib/contracts/istio-objects";
import { readJsonBody } from "@/server/http/read-json-body";
import { respond } from "@/server/http/to-error-response";
import { rebaseYaml } from "@/server/istio-config-browser";

export const dynamic = "force-dynamic";

/** POST /api/istio/objects/rebase {base, mine, theirs, choices?} → RebaseResponse; pure, writes nothing. */
export function POST(request: Request) {
  return respond(async () => rebaseYaml(await readJsonBody(request, rebaseRequestSchema)));
}
