/**
 * The Jaeger query API on 127.0.0.1, where Istio's Jaeger addon would serve it: under the base
 * path `/jaeger` (the addon runs with `--query.base-path=/jaeger`) and, for clients configured
 * with a bare Jaeger URL, at the root too. Read-only and without the UI: only `/api/...`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { answerJaegerQuery } from "./jaeger-api";
import type { TraceStore } from "./trace-store";

export const TRACING_BASE_PATH = "/jaeger";

export interface TracingServer {
  /** `http://127.0.0.1:<port>/jaeger`, what a console's tracing URL is set to. */
  url: string;
  close(): Promise<void>;
}

export async function startTracingServer(
  store: TraceStore,
  options: { host: string; port: number; now?: () => number },
): Promise<TracingServer> {
  const now = options.now ?? Date.now;
  const server = http.createServer((request, response) => {
    request.resume();
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname.startsWith(`${TRACING_BASE_PATH}/`)
      ? url.pathname.slice(TRACING_BASE_PATH.length)
      : url.pathname;
    const answer = answerJaegerQuery(store, request.method ?? "GET", path, url.searchParams, now() * 1000);
    if ("text" in answer) {
      response.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8" });
      response.end(answer.text);
      return;
    }
    // Jaeger answers errors through Go's http.Error: the same JSON envelope, typed as text, plus a newline.
    const failed = answer.status >= 400;
    const body = JSON.stringify(answer.envelope) + (failed ? "\n" : "");
    response.writeHead(answer.status, {
      "content-type": failed ? "text/plain; charset=utf-8" : "application/json",
      "x-content-type-options": "nosniff",
      "content-length": Buffer.byteLength(body),
    });
    response.end(body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}${TRACING_BASE_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
