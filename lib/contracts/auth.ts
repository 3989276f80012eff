import { z } from "zod";

export const authStrategySchema = z.enum(["anonymous", "token", "openid", "header"]);
export type AuthStrategyId = z.infer<typeof authStrategySchema>;

/** POST /api/auth/sign-in: a Kubernetes bearer token (service account tokens are JWTs of a few KiB). */
export const tokenSignInSchema = z.object({
  token: z
    .string()
    .trim()
    .min(1, "token: paste a Kubernetes bearer token")
    .max(16_384, "token: at most 16384 characters")
    .regex(/^[\x21-\x7e]+$/, "token: a bearer token has no spaces or control characters"),
});
export type TokenSignIn = z.infer<typeof tokenSignInSchema>;

/**
 * GET /api/auth/session: who the console acts for. `csrfToken` is what every write must send
 * in `X-CSRF-Token` (null when the strategy keeps no session). `viewOnly`: the console makes
 * no changes for anyone.
 */
export const sessionInfoSchema = z.object({
  signedIn: z.boolean(),
  user: z.string().nullable(),
  groups: z.array(z.string()),
  strategy: authStrategySchema,
  csrfToken: z.string().nullable(),
  viewOnly: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

/**
 * Why a sign-in at the OpenID provider did not finish, as /sign-in?error=<code> shows it. A
 * code, not text: a link to /sign-in cannot put words of its own on the console's page (the
 * details go to the console's log).
 */
export const signInErrorMessages = {
  openid_refused: "The OpenID provider did not sign you in. Try again, or ask your administrator.",
  openid_expired: "The sign-in took too long or was started in another browser. Sign in again.",
  openid_failed: "The OpenID sign-in could not be completed; the console's log has the details. Sign in again.",
} as const;
export type SignInErrorCode = keyof typeof signInErrorMessages;

export function signInErrorMessage(code: string | undefined): string | undefined {
  return code && Object.hasOwn(signInErrorMessages, code) ? signInErrorMessages[code as SignInErrorCode] : undefined;
}

/** The query string of /sign-in and of GET /api/auth/openid/start: where to go afterwards. */
export const returnToSchema = z.object({ next: z.string().max(2048).optional() });

/**
 * `value` when it is a path on this console (`/graph?x=1`), else `/`. A value such as
 * `//evil.example` or `/\evil.example` is a URL to another host to a browser, so it is refused.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  try {
    const url = new URL(value, "http://topsail.invalid");
    if (url.origin !== "http://topsail.invalid" || url.pathname === "/sign-in") return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
