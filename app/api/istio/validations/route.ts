import { validationsQuerySchema } from "@/lib/contracts/validations";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { respond } from "@/server/http/to-error-response";
import { validateVisibleNamespaces } from "@/server/validation";

export const dynamic = "force-dynamic";

/** GET /api/istio/validations?namespaces=a,b → ObjectValidationList */
export function GET(request: Request) {
  return respond(async () => {
    return validateVisibleNamespaces(
      parseInput(validationsQuerySchema, searchParamsOf(request, ["namespaces"]), "query").namespaces,
    );
  });
}
