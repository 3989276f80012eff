/**
 * Runs before every request: gives each page a fresh CSP nonce (Next.js applies it to its
 * own scripts), and refuses cross-site, non-JSON or oversized writes to the API before any
 * route handler sees them.
 */
import { NextResponse, type NextRequest } from "next/server";
import { checkMutationRequest, checkPathEncoding, type GuardVerdict } from "@/server/http/request-guard";
import { securityHeaders } from "@/server/http/security-headers";

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

export function proxy(request: NextRequest) {
  // The raw path as the client sent it: nextUrl may already hold a normalised copy.
  const encoding = checkPathEncoding(new URL(request.url).pathname);
  if (!encoding.ok) return refuse(encoding);
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const verdict = checkMutationRequest({ method: request.method, url: request.url, headers: request.headers });
    if (!verdict.ok) return refuse(verdict);
    return NextResponse.next();
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)" }],
};
