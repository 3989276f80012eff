/**
 * The safety baseline for every request and for requests that change something: answer only
 * to the host names the console is known by (DNS rebinding), refuse cross-site requests (a
 * page on another origin must not be able to drive the cluster through a user's browser),
 * require the session's CSRF token on writes, accept JSON only, and cap the body size. Pure,
 * so it is unit-tested and used by `proxy.ts` in front of every route.
 */
import { timingSafeEqual } from "node:crypto";

export const maxJsonBodyBytes = 1024 * 1024;

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export interface GuardInput {
  method: string;
  /** The URL the server received, e.g. http://127.0.0.1:3000/api/x */
  url: string;
  headers: { get(name: string): string | null };
}

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403 | 413 | 415; code: string; message: string };

/** `name:port` or `name` (the port, when absent, is the scheme's), lower case; IPv6 in brackets. */
function splitHost(value: string): { name: string; port?: string } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(value.trim().toLowerCase());
  return match ? { name: match[1] as string, port: match[2] } : undefined;
}

/**
 * DNS rebinding: a page on `evil.example` whose name is made to resolve to the console's
 * address is same-origin with itself, so its browser sends `Host: evil.example` together with
 * a matching `Origin` and `Sec-Fetch-Site: same-origin`. Only the Host header tells it apart,
 * so every request must name a host the console is known by (TOPSAIL_ALLOWED_HOSTS: entries
 * without a port allow any port).
 */
export function checkHost(host: string | null, allowedHosts: readonly string[]): GuardVerdict {
  const requested = host ? splitHost(host) : undefined;
  const allowed =
    requested !== undefined &&
    allowedHosts.some((entry) => {
      const wanted = splitHost(entry);
      return wanted?.name === requested.name && (wanted.port === undefined || wanted.port === requested.port);
    });
  if (allowed) return { ok: true };
  return {
    ok: false,
    status: 403,
    code: "forbidden",
    message: `Host ${host ?? "(none)"} is not one this console answers to: add it to TOPSAIL_ALLOWED_HOSTS if it is yours.`,
  };
}

/** The paths a write may reach without a session's CSRF token: signing in is how a session begins. */
const csrfExempt = new Set(["/api/auth/sign-in"]);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A write to the API made with a session cookie must carry the session's CSRF token in
 * `X-CSRF-Token` (the page reads it from GET /api/auth/session, which another site cannot
 * read). `sessionToken` undefined: no live session, and the route itself answers 401.
 */
export function checkCsrfToken(input: GuardInput, sessionToken: string | undefined): GuardVerdict {
  if (safeMethods.has(input.method.toUpperCase()) || sessionToken === undefined) return { ok: true };
  const pathname = new URL(input.url).pathname;
  if (!pathname.startsWith("/api/") || csrfExempt.has(pathname)) return { ok: true };
  const sent = input.headers.get("x-csrf-token");
  if (sent && sameToken(sent, sessionToken)) return { ok: true };
  return {
    ok: false,
    status: 403,
    // Its own code: the page then fetches the session's current token and tries once more.
    code: "csrf_token",
    message: sent
      ? "The X-CSRF-Token header does not match this session: reload the page and try again."
      : "Writes need the X-CSRF-Token header: read csrfToken from GET /api/auth/session and send it with the request.",
  };
}

/**
 * A path whose percent-encoding does not decode (e.g. `%C0%AE`, an overlong UTF-8 dot, or a
 * lone `%`) is refused before routing: Next.js would otherwise fail to decode the route
 * parameters and answer a plain-text 500 without the security headers.
 */
export function checkPathEncoding(pathname: string): GuardVerdict {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return {
        ok: false,
        status: 400,
        code: "bad_request",
        message: `The path segment "${segment}" is not valid percent-encoded UTF-8; encode names with encodeURIComponent.`,
      };
    }
  }
  return { ok: true };
}

export function checkMutationRequest(input: GuardInput): GuardVerdict {
  if (safeMethods.has(input.method.toUpperCase())) return { ok: true };

  const fetchSite = input.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return {
      ok: false,
      status: 403,
      code: "forbidden",
      message: `Cross-site request refused (Sec-Fetch-Site: ${fetchSite}): changes can only be made from the Topsail console itself.`,
    };
  }
  const origin = input.headers.get("origin");
  if (origin) {
    const expectedHost = input.headers.get("host") ?? new URL(input.url).host;
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== expectedHost) {
      return {
        ok: false,
        status: 403,
        code: "forbidden",
        message: `Cross-site request refused (Origin ${origin} is not ${expectedHost}): changes can only be made from the Topsail console itself.`,
      };
    }
  }

  const length = Number(input.headers.get("content-length") ?? "0");
  if (length > maxJsonBodyBytes) {
    return {
      ok: false,
      status: 413,
      code: "payload_too_large",
      message: `Request body is ${length} bytes; the limit is ${maxJsonBodyBytes} bytes.`,
    };
  }
  const contentType = (input.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (length > 0 || contentType) {
    if (contentType !== "application/json") {
      return {
        ok: false,
        status: 415,
        code: "unsupported_media_type",
        message: `Send the body as JSON (Content-Type: application/json), not ${contentType || "no content type"}.`,
      };
    }
  }
  return { ok: true };
}
