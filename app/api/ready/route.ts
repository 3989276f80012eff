import { getReadiness } from "@/server/readiness";

export const dynamic = "force-dynamic";

/**
 * GET /api/ready → 200 when the console can serve, 503 with the reason otherwise (the body is
 * the same Readiness either way). Answered with Response.json rather than server/http's
 * respond(): probes carry no sign-in and must stay reachable without one.
 */
export async function GET() {
  const readiness = await getReadiness();
  return Response.json(readiness, {
    status: readiness.status === "ready" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
