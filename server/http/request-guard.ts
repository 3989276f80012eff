/**
 * The safety baseline for requests that change something: refuse cross-site requests
 * (a page on another origin must not be able to drive the cluster through a user's
 * browser), accept JSON only, and cap the body size. Pure, so it is unit-tested and used
 * by `proxy.ts` in front of every API route.
 */

export const maxJsonBodyBytes = 1024 * 1024;

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export interface GuardInput {
  method: string;
  /** The URL the server received, e.g. http://127.0.0.1:3000/api/x */
  url: string;
  headers: { get(name: string): string | null };
}

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 403 | 413 | 415; code: string; message: string };

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
