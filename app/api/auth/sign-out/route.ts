import type { NextRequest } from "next/server";
import { toAuthResponse } from "@/server/auth/auth-response";
import { clearedSessionCookie, wantsSecureCookies } from "@/server/auth/session-cookie";
import { getConfig } from "@/server/config";

export const dynamic = "force-dynamic";

/** POST /api/auth/sign-out → {signedIn: false}; the session cookie is emptied and expires at once. */
export async function POST(request: NextRequest) {
  const secure = wantsSecureCookies(getConfig().auth.publicUrl, request);
  return toAuthResponse({ kind: "json", body: { signedIn: false }, cookies: [clearedSessionCookie(secure)] });
}
