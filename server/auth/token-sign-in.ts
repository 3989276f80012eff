/**
 * The token strategy's sign-in: the cluster says whom the token belongs to (a
 * SelfSubjectReview made with it), and the session keeps that name, those groups and the
 * token itself — sealed in the cookie, never logged or stored anywhere else.
 */
import "server-only";
import type { AuthSettings } from "@/server/config";
import { TopsailError } from "@/server/errors";
import type { AuthAnswer } from "./auth-response";
import type { ReviewedUserLookup } from "./resolve-viewer";
import { newSession } from "./session";
import { sealSession, sessionCookie } from "./session-cookie";

export async function signInWithToken(
  token: string,
  auth: AuthSettings,
  reviewToken: ReviewedUserLookup,
  secure: boolean,
): Promise<AuthAnswer> {
  if (auth.strategy !== "token" || !auth.sessionSecret) {
    throw new TopsailError(
      "bad_request",
      `Signing in with a token is off: TOPSAIL_AUTH_STRATEGY is ${auth.strategy}, not token`,
    );
  }
  const user = await reviewToken(token);
  const session = newSession(
    { name: user.name, groups: user.groups, strategy: "token", credential: { kind: "bearer", token } },
    auth.sessionHours,
  );
  const sealed = await sealSession(session, auth.sessionSecret);
  return {
    kind: "json",
    body: { signedIn: true, user: user.name, groups: user.groups, strategy: "token", csrfToken: session.csrfToken },
    cookies: [sessionCookie(sealed, session, secure)],
  };
}
