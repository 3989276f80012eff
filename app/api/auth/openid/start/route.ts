import type { NextRequest } from "next/server";
import { returnToSchema } from "@/lib/contracts/auth";
import { toAuthResponse } from "@/server/auth/auth-response";
import { startOpenIdSignIn } from "@/server/auth/openid-flow";
import { wantsSecureCookies } from "@/server/auth/session-cookie";
import { getConfig } from "@/server/config";
import { parseInput, searchParamsOf } from "@/server/http/parse-input";
import { toErrorResponse } from "@/server/http/to-error-response";

export const dynamic = "force-dynamic";

/** GET /api/auth/openid/start?next=/path → 303 to the OpenID provider. */
export async function GET(request: NextRequest) {
  try {
    const { next } = parseInput(returnToSchema, searchParamsOf(request), "query");
    const auth = getConfig().auth;
    return toAuthResponse(await startOpenIdSignIn(auth, next, wantsSecureCookies(auth.publicUrl, request)));
  } catch (error) {
    return toErrorResponse(error);
  }
}
