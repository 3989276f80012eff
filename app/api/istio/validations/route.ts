import { validationsQuerySchema } from "@/lib/contracts/validations";
import { TopsailError } from "@/server/errors";
import { respond } from "@/server/http/to-error-response";
import { validateNamespaces } from "@/server/validation";

export const dynamic = "force-dynamic";

/** GET /api/istio/validations?namespaces=a,b → ObjectValidationList */
export function GET(request: Request) {
  return respond(async () => {
    const query = validationsQuerySchema.safeParse({ namespaces: new URL(request.url).searchParams.get("namespaces") ?? undefined });
    if (!query.success) {
      throw new TopsailError("bad_request", `Invalid query: ${query.error.issues.map((i) => i.message).join("; ")}`, { details: { issues: query.error.issues } });
    }
    return validateNamespaces(query.data.namespaces);
  });
}
