import { respond } from "@/server/http/to-error-response";
import { getMeshView } from "@/server/mesh";

export const dynamic = "force-dynamic";

/** GET /api/mesh → MeshView: istiod, the gateways and every proxy's xDS sync status. */
export function GET() {
  return respond(async () => getMeshView());
}
