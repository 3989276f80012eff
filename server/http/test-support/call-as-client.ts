/**
 * Calls a route handler the way a client reaches it in production: the request first goes
 * through `proxy` (proxy.ts: path encoding, cross-site, content type and size), then Next.js
 * matches the route pattern against the URL's normalised path and decodes each dynamic
 * segment with decodeURIComponent (as Next.js's route matcher does), and only then is the
 * handler called with those params.
 */
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";

/** A route handler with its params as Next.js passes them, as one signature for every route. */
export type RouteHandler = (request: NextRequest, params: Record<string, string>) => Promise<Response>;

/** Adapts an exported handler (params typed per route; none for routes without) to `RouteHandler`. */
export function routeHandler<P extends string>(
  handler: (request: NextRequest, context: { params: Promise<Record<P, string>> }) => Promise<Response>,
): RouteHandler {
  // The params come from matchRoute on the route's own pattern, so they hold exactly P's names.
  return (request, params) => handler(request, { params: Promise.resolve(params as Record<P, string>) });
}

export interface ClientRequest {
  method: string;
  /** The path and query as sent: segments are not encoded again. */
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export type ClientAnswer =
  | { reached: "proxy" | "handler"; status: number; contentType: string | null; text: string; headers: Headers }
  /** The normalised path names another route (e.g. `..` removed a segment): Next.js answers 404 itself. */
  | { reached: "no-route" };

export const origin = "http://localhost:3000";

/**
 * The dynamic segments of `pattern` (`/api/audit/[id]/rollback`)
 * read from `pathname`, decoded; undefined when it does not match.
 */
export function matchRoute(pattern: string, pathname: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = pathname.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] as string;
    const name = /^\[(\w+)\]$/.exec(part)?.[1];
    if (!name) {
      if (segment !== part) return undefined;
      continue;
    }
    // Next.js's pattern is ([^/]+?): an empty segment matches no dynamic route.
    if (segment === "") return undefined;
    params[name] = decodeURIComponent(segment);
  }
  return params;
}

export async function callAsClient(
  pattern: string,
  handler: RouteHandler,
  request: ClientRequest,
): Promise<ClientAnswer> {
  const nextRequest = new NextRequest(new URL(request.target, origin), {
    method: request.method,
    headers: { host: new URL(origin).host, ...request.headers },
    body: request.body,
  });
  const guarded = await proxy(nextRequest);
  if (guarded.headers.get("x-middleware-next") !== "1") {
    return {
      reached: "proxy",
      status: guarded.status,
      contentType: guarded.headers.get("content-type"),
      text: await guarded.text(),
      headers: guarded.headers,
    };
  }
  const params = matchRoute(pattern, new URL(nextRequest.url).pathname);
  if (!params) return { reached: "no-route" };
  const response = await handler(nextRequest, params);
  return {
    reached: "handler",
    status: response.status,
    contentType: response.headers.get("content-type"),
    text: await response.text(),
    headers: response.headers,
  };
}
