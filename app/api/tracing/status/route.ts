import { respond } from "@/server/http/to-error-response";
import { getTracingStatus } from "@/server/tracing";

export const dynamic = "force-dynamic";

/** GET /api/tracing/status → whether TOPSAIL_TRACING_URL is set, and how to set it when not. */
export function GET() {
  return respond(async () => getTracingStatus());
}
