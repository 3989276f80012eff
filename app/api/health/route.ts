import { getHealth } from "@/server/readiness/health";

export const dynamic = "force-dynamic";

/**
 * GET /api/health → 200 {status:"ok"}: the liveness probe. Answered with Response.json rather
 * than server/http's respond(): probes carry no sign-in and must stay reachable without one.
 */
export function GET() {
  return Response.json(getHealth(), { headers: { "Cache-Control": "no-store" } });
}
