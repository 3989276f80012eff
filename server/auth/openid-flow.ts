/**
 * The openid strategy: OpenID Connect's authorization code flow with PKCE, state and nonce,
 * through openid-client's functional API.
 *
 * start    → a random code verifier, state and nonce are sealed into a short-lived cookie
 *            (`topsail_openid`, 10 minutes, only for /api/auth/openid) and the browser goes to
 *            the provider's authorization endpoint with the code challenge.
 * callback → the provider sends the browser back with a code; openid-client checks the state,
 *            trades the code (with the verifier) for tokens and checks the ID token (issuer,
 *            audience, signature, nonce, expiry). The session then holds the user named by
 *            TOPSAIL_OIDC_USERNAME_CLAIM and the groups in TOPSAIL_OIDC_GROUPS_CLAIM, acted for
 *            by impersonation (TOPSAIL_OIDC_KUBE=impersonate) — or holds the ID token as the
 *            bearer (id-token), in which case the cluster itself names the user (a
 *            SelfSubjectReview with the token), so the console shows what RBAC will check.
 */
import "server-only";
import * as oidc from "openid-client";
import { z } from "zod";
import { safeReturnPath, type SignInErrorCode } from "@/lib/contracts/auth";
import type { AuthSettings, OpenIdSettings } from "@/server/config";
import { TopsailError } from "@/server/errors";
import { isLoopbackHost } from "@/server/config/parse-config";
import type { AuthAnswer } from "./auth-response";
import type { ReviewedUserLookup } from "./resolve-viewer";
import { newSession, type SessionViewer } from "./session";
import { sealSession, sessionCookie, type CookieSettings } from "./session-cookie";
import { sealData, unsealData } from "iron-session";

export const callbackPath = "/api/auth/openid/callback";
const flowCookieName = "topsail_openid";
const flowCookiePath = "/api/auth/openid";
const flowSeconds = 600;

const flowSchema = z.object({
  state: z.string().min(1),
  nonce: z.string().min(1),
  codeVerifier: z.string().min(43),
  returnTo: z.string(),
});

// Discovery once per provider: its metadata and keys do not change per sign-in.
const configurations = new Map<string, Promise<oidc.Configuration>>();

function discover(settings: OpenIdSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer} ${settings.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    const issuer = new URL(settings.issuer);
    // Plain http is accepted only for a provider on this machine (a test's or a developer's).
    const insecureOk = issuer.protocol === "http:" && isLoopbackHost(issuer.hostname);
    found = oidc.discovery(issuer, settings.clientId, settings.clientSecret, undefined, {
      execute: insecureOk ? [oidc.allowInsecureRequests] : [],
    });
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  return found.catch((error: unknown) => {
    throw new TopsailError(
      "auth_provider_unavailable",
      `Cannot reach the OpenID provider at ${settings.issuer} (${error instanceof Error ? error.message : String(error)}): check TOPSAIL_OIDC_ISSUER`,
      { cause: error },
    );
  });
}

function openIdSettings(auth: AuthSettings): { settings: OpenIdSettings; secret: string; publicUrl: string } {
  if (auth.strategy !== "openid" || !auth.openid || !auth.sessionSecret || !auth.publicUrl) {
    throw new TopsailError(
      "bad_request",
      `Signing in with OpenID is off: TOPSAIL_AUTH_STRATEGY is ${auth.strategy}, not openid`,
    );
  }
  return { settings: auth.openid, secret: auth.sessionSecret, publicUrl: auth.publicUrl };
}

function flowCookie(value: string, maxAge: number, secure: boolean): CookieSettings {
  // Lax, not Strict: the provider's redirect back is a navigation from another site, and this
  // cookie must come with it. It holds nothing that acts for the user, only the flow's checks.
  return { name: flowCookieName, value, httpOnly: true, sameSite: "lax", secure, path: flowCookiePath, maxAge };
}

export async function startOpenIdSignIn(
  auth: AuthSettings,
  next: string | undefined,
  secure: boolean,
): Promise<AuthAnswer> {
  const { settings, secret, publicUrl } = openIdSettings(auth);
  const configuration = await discover(settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const flow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, returnTo: safeReturnPath(next) };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${publicUrl}${callbackPath}`,
    scope: settings.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  const sealed = await sealData(flow, { password: secret, ttl: flowSeconds });
  return { kind: "redirect", location: url.href, cookies: [flowCookie(sealed, flowSeconds, secure)] };
}

/** Back to /sign-in with a code the page explains; the reason, which may quote the provider, goes to the log. */
function signInFailed(code: SignInErrorCode, reason: string, secure: boolean): AuthAnswer {
  console.warn(`OpenID sign-in did not finish (${code}): ${reason}`);
  return { kind: "redirect", location: `/sign-in?error=${code}`, cookies: [flowCookie("", 0, secure)] };
}

function claimGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === "string");
  return typeof value === "string" && value !== "" ? [value] : [];
}

/**
 * The provider's redirect back. `search` is the callback's query string as received; a
 * failure (the user refused, the flow expired, a check failed) goes back to /sign-in with a
 * message, as a browser user would expect.
 */
export async function finishOpenIdSignIn(
  auth: AuthSettings,
  search: string,
  flowCookieValue: string | undefined,
  reviewToken: ReviewedUserLookup,
  secure: boolean,
): Promise<AuthAnswer> {
  const { settings, secret, publicUrl } = openIdSettings(auth);
  const params = new URLSearchParams(search);
  const providerError = params.get("error");
  if (providerError) {
    return signInFailed("openid_refused", `${providerError}: ${params.get("error_description") ?? ""}`, secure);
  }
  let flow: z.infer<typeof flowSchema>;
  try {
    flow = flowSchema.parse(await unsealData(flowCookieValue ?? "", { password: secret }));
  } catch {
    return signInFailed("openid_expired", "no valid flow cookie", secure);
  }
  const configuration = await discover(settings);
  let viewer: SessionViewer;
  let idTokenExpiry: number | undefined;
  try {
    // The URL the provider redirected to, as registered (TOPSAIL_PUBLIC_URL), whatever proxies said.
    const currentUrl = new URL(`${publicUrl}${callbackPath}?${params.toString()}`);
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error("the provider sent no ID token");
    idTokenExpiry = claims.exp * 1000;
    if (settings.kube === "id-token") {
      const user = await reviewToken(tokens.id_token);
      viewer = { ...user, strategy: "openid", credential: { kind: "bearer", token: tokens.id_token } };
    } else {
      const name = claims[settings.usernameClaim];
      if (typeof name !== "string" || name === "") {
        throw new Error(`the ID token has no ${settings.usernameClaim} claim (TOPSAIL_OIDC_USERNAME_CLAIM)`);
      }
      viewer = {
        name,
        groups: claimGroups(claims[settings.groupsClaim]),
        strategy: "openid",
        credential: { kind: "impersonate" },
      };
    }
  } catch (error) {
    if (error instanceof TopsailError && error.code !== "unauthenticated") throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return signInFailed("openid_failed", reason, secure);
  }
  const session = newSession(viewer, auth.sessionHours);
  // A session acting with the ID token cannot outlive it: the cluster would refuse it anyway.
  if (settings.kube === "id-token" && idTokenExpiry !== undefined) {
    session.expiresAt = Math.min(session.expiresAt, idTokenExpiry);
  }
  const sealed = await sealSession(session, secret);
  return {
    kind: "continue",
    location: flow.returnTo,
    cookies: [flowCookie("", 0, secure), sessionCookie(sealed, session, secure)],
  };
}

export const openIdFlowCookieName = flowCookieName;
