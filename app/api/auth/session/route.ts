import type { NextRequest } from "next/server";
import { liveResolveDeps } from "@/server/auth/request-viewer";
import { describeSession } from "@/server/auth/session-info";
import { toErrorResponse } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/auth/session → SessionInfo: who the console acts for, and the CSRF token writes must send. */
export async function GET(request: NextRequest) {
  try {
    const info = await describeSession(
      { headers: request.headers, cookie: (name) => request.cookies.get(name)?.value },
      liveResolveDeps(),
    );
    return Response.json(info, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
