/**
 * Runs before every request: refuses host names the console is not known by (DNS
 * rebinding), gives each page a fresh CSP nonce (Next.js applies it to its own scripts),
 * sends a page request with nobody signed in to /sign-in, and refuses cross-site, non-JSON,
 * oversized or CSRF-token-less writes to the API before any route handler sees them. The
 * sign-in redirect is a convenience; the API's own check is in `respond()`
 * (server/http/to-error-response.ts), which every route goes through.
 */
import { NextResponse, type NextRequest } from "next/server";
import { readHeaderIdentity } from "@/server/auth/header-identity";
import { peerAddressHeader } from "@/server/auth/proxy-addresses";
import { sessionCookieName, unsealSession } from "@/server/auth/session-cookie";
import { parseConfig, type AuthSettings } from "@/server/config/parse-config";
import {
  checkCsrfToken,
  checkHost,
  checkMutationRequest,
  checkPathEncoding,
  type GuardVerdict,
} from "@/server/http/request-guard";
import { securityHeaders } from "@/server/http/security-headers";
import { requestMethodHeader, requestPathHeader } from "@/server/observability/request-headers";

/** The page that signs people in, and the paths that must work before anyone has. */
export const signInPath = "/sign-in";

let cachedAuth: AuthSettings | undefined;

/** The auth settings, parsed once (start-console.ts has already refused a bad configuration). */
function authSettings(): AuthSettings {
  if (cachedAuth) return cachedAuth;
  const result = parseConfig(process.env);
  if (!result.ok) throw new Error(result.message);
  cachedAuth = result.config.auth;
  return cachedAuth;
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes come from React style props and the graph/chart libraries.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function refuse(verdict: Exclude<GuardVerdict, { ok: true }>): NextResponse {
  const response = NextResponse.json(
    { error: { code: verdict.code, message: verdict.message } },
    { status: verdict.status },
  );
  for (const { key, value } of securityHeaders) response.headers.set(key, value);
  return response;
}

/** The CSRF token of the request's live session, for the strategies that have sessions. */
async function sessionCsrfToken(request: NextRequest, auth: AuthSettings): Promise<string | undefined> {
  if (!auth.sessionSecret || (auth.strategy !== "token" && auth.strategy !== "openid")) return undefined;
  return (await unsealSession(request.cookies.get(sessionCookieName)?.value, auth.sessionSecret))?.csrfToken;
}

/** Whether a page request may be shown without signing in first. */
async function mayShowPage(request: NextRequest, auth: AuthSettings): Promise<boolean> {
  if (auth.strategy === "anonymous" || request.nextUrl.pathname === signInPath) return true;
  if (auth.strategy === "header") {
    const peer = request.headers.get(peerAddressHeader) ?? undefined;
    return readHeaderIdentity(auth.header, request.headers, peer).kind !== "none";
  }
  return (await sessionCsrfToken(request, auth)) !== undefined;
}

/**
 * What the cluster and the monitoring ask for, by pod IP and without a session: the probes
 * (deploy/base/deployment.yaml) and the console's own metrics. They hold no user's data, so
 * neither the Host allow-list nor sign-in applies to them.
 */
const machineEndpoints = new Set(["/api/health", "/api/ready", "/metrics"]);

export async function proxy(request: NextRequest) {
  // The raw path as the client sent it: nextUrl may already hold a normalised copy.
  const encoding = checkPathEncoding(new URL(request.url).pathname);
  if (!encoding.ok) return refuse(encoding);
  if (request.method === "GET" && machineEndpoints.has(request.nextUrl.pathname)) return NextResponse.next();
  const auth = authSettings();
  // Next.js builds request.url from the Host header; the header itself is absent only in tests.
  const host = checkHost(request.headers.get("host") ?? new URL(request.url).host, auth.allowedHosts);
  if (!host.ok) return refuse(host);
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const input = { method: request.method, url: request.url, headers: request.headers };
    const verdict = checkMutationRequest(input);
    if (!verdict.ok) return refuse(verdict);
    const csrf = checkCsrfToken(input, await sessionCsrfToken(request, auth));
    if (!csrf.ok) return refuse(csrf);
    // For the route's request log line and metrics (server/observability/request-log.ts).
    const apiHeaders = new Headers(request.headers);
    apiHeaders.set(requestMethodHeader, request.method);
    apiHeaders.set(requestPathHeader, request.nextUrl.pathname);
    return NextResponse.next({ request: { headers: apiHeaders } });
  }
  if (!(await mayShowPage(request, auth))) {
    const target = new URL(signInPath, request.url);
    target.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.redirect(target);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The root layout shows the sign-in page without the console's shell (which calls the API).
  requestHeaders.set("x-topsail-page", request.nextUrl.pathname === signInPath ? "sign-in" : "console");
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
