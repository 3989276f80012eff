import type { NextRequest } from "next/server";
import { toAuthResponse } from "@/server/auth/auth-response";
import { finishOpenIdSignIn, openIdFlowCookieName } from "@/server/auth/openid-flow";
import { liveResolveDeps } from "@/server/auth/request-viewer";
import { wantsSecureCookies } from "@/server/auth/session-cookie";
import { toErrorResponse } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/auth/openid/callback?code&state → the session cookie and on to the page the user came from. */
export async function GET(request: NextRequest) {
  try {
    const deps = liveResolveDeps();
    return toAuthResponse(
      await finishOpenIdSignIn(
        deps.auth,
        new URL(request.url).search,
        request.cookies.get(openIdFlowCookieName)?.value,
        deps.reviewToken,
        wantsSecureCookies(deps.auth.publicUrl, request),
      ),
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
