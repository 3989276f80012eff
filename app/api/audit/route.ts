import { auditListQuerySchema } from "@/lib/contracts/audit";
import { listAuditHistoryLive } from "@/server/audit";
import { TopsailError } from "@/server/errors";
import { respond } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/audit?namespace=&kind=&name=&actor=&source=&since=&until=&limit= → AuditList */
export function GET(request: Request) {
  return respond(async () => {
    const query = auditListQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) {
      throw new TopsailError("bad_request", `Invalid query: ${query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, { details: { issues: query.error.issues } });
    }
    return listAuditHistoryLive(query.data);
  });
}
