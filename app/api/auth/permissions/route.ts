import { permissionsQuerySchema } from "@/lib/contracts/permissions";
import { getPermissions } from "@/server/auth/permissions";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/auth/permissions?namespace=NS → Permissions (which changes the viewer may make there) */
export function GET(request: Request) {
  return respond(async () => {
    const { namespace } = parseInput(permissionsQuerySchema, searchParamsOf(request, ["namespace"]), "query");
    return getPermissions(namespace);
  });
}
