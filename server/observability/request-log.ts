/**
 * One log line and one duration sample per API request, labelled by its route pattern. The
 * method and path come from request headers that proxy.ts sets on every API request
 * (overwriting any a client sent), since a route handler's `respond()` sees no URL. Outside a
 * Next.js request (route handlers called in process by tests) there is nothing to record.
 */
import "server-only";
import { headers } from "next/headers";
import { observeRequest } from "./console-metrics";
import { getLogger } from "./logger";
import { requestMethodHeader, requestPathHeader } from "./request-headers";
import { apiRoutePatterns, routePatternOf } from "./route-patterns";

export async function recordApiRequest(status: number, seconds: number, user: string | undefined): Promise<void> {
  let method: string | null;
  let path: string | null;
  try {
    const list = await headers();
    method = list.get(requestMethodHeader);
    path = list.get(requestPathHeader);
  } catch {
    return;
  }
  if (!method || !path) return;
  const route = routePatternOf(path, apiRoutePatterns());
  observeRequest({ route, method, status }, seconds);
  getLogger().info(
    { event: "api_request", method, route, status, ms: Math.round(seconds * 1000), user },
    `${method} ${route} ${status}`,
  );
}
