/**
 * Who may change the simulator's traffic: the control API listens on loopback, but any web
 * page open in a browser on the same machine can send requests to loopback. So, as
 * server/http/request-guard.ts does for the console, a change (PUT/POST) is refused when a
 * browser says it comes from another site (Origin or Sec-Fetch-Site), and its body must be
 * JSON — a cross-site page cannot send `application/json` without a CORS preflight, which
 * this server never grants. simctl, tests and curl send no Origin and pass.
 */
import type { IncomingHttpHeaders } from "node:http";

export type ControlVerdict = { ok: true } | { ok: false; status: 403 | 415; code: string; message: string };

const changes = new Set(["PUT", "POST", "PATCH", "DELETE"]);

export function checkControlRequest(method: string, headers: IncomingHttpHeaders): ControlVerdict {
  if (!changes.has(method.toUpperCase())) return { ok: true };
  const fetchSite = headers["sec-fetch-site"];
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return {
      ok: false,
      status: 403,
      code: "forbidden",
      message: `cross-site request refused (Sec-Fetch-Site: ${fetchSite}); use simctl or curl`,
    };
  }
  const origin = headers.origin;
  if (origin) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== headers.host)
      return {
        ok: false,
        status: 403,
        code: "forbidden",
        message: `cross-site request refused (Origin ${origin} is not ${headers.host ?? "this server"}); use simctl or curl`,
      };
  }
  const contentType = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  const hasBody = Number(headers["content-length"] ?? "0") > 0 || headers["transfer-encoding"] !== undefined;
  if ((hasBody || contentType) && contentType !== "application/json") {
    return {
      ok: false,
      status: 415,
      code: "unsupported_media_type",
      message: `send the body as JSON (Content-Type: application/json), not ${contentType || "no content type"}`,
    };
  }
  return { ok: true };
}
