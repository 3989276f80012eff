import type { NextRequest } from "next/server";
import { tokenSignInSchema } from "@/lib/contracts/auth";
import { toAuthResponse } from "@/server/auth/auth-response";
import { liveResolveDeps } from "@/server/auth/request-viewer";
import { wantsSecureCookies } from "@/server/auth/session-cookie";
import { signInWithToken } from "@/server/auth/token-sign-in";
import { readJsonBody } from "@/server/http/read-json-body";
import { toErrorResponse } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** POST /api/auth/sign-in {token} → SessionInfo, with the session cookie; 401 when the cluster refuses the token. */
export async function POST(request: NextRequest) {
  try {
    const { token } = await readJsonBody(request, tokenSignInSchema);
    const deps = liveResolveDeps();
    return toAuthResponse(
      await signInWithToken(token, deps.auth, deps.reviewToken, wantsSecureCookies(deps.auth.publicUrl, request)),
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
