import { z } from "zod";
import { parseNamespaceParam } from "@/lib/namespace-param";
import { respond } from "@/server/http/to-error-response";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { getOverview } from "@/server/overview";

export const dynamic = "force-dynamic";

const query = z.object({ namespaces: z.string().max(4096).optional().transform(parseNamespaceParam) });

/** GET /api/overview?namespaces=a,b → Overview (every namespace when none is given). */
export function GET(request: Request) {
  return respond(async () =>
    getOverview(parseInput(query, searchParamsOf(request, ["namespaces"]), "query").namespaces),
  );
}
