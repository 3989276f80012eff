/**
 * The mesh's HTTP server on 127.0.0.1: `GET /metrics` (Prometheus text format 0.0.4, what
 * Prometheus scrapes) and the JSON control API under `/control` (same-origin JSON only,
 * control-guard.ts).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { MeshEngine } from "../engine/mesh-engine";
import { errorBody, handleControl } from "./control-api";
import { checkControlRequest } from "./control-guard";

const MAX_BODY_BYTES = 64 * 1024;

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

class BodyError extends Error {}

function readBody(request: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyError(`body larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (text === "") return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new BodyError("body is not valid JSON"));
      }
    });
    request.on("error", reject);
  });
}

/**
 * Writes the exposition piece by piece, waiting for the socket to drain, so a huge scrape never sits in memory whole.
 */
async function streamMetrics(chunks: Iterable<string>, response: http.ServerResponse): Promise<void> {
  for (const chunk of chunks) {
    if (response.destroyed) return;
    if (response.write(chunk)) continue;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        response.off("drain", done).off("close", done);
        resolve();
      };
      response.on("drain", done).on("close", done);
    });
  }
  response.end();
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2) + "\n";
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  response.end(text);
}

export async function startMetricsServer(
  engine: MeshEngine,
  options: { host: string; port: number },
): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const method = request.method ?? "GET";
    if (path === "/metrics") {
      if (method !== "GET" && method !== "HEAD")
        return sendJson(response, 405, errorBody("method_not_allowed", "use GET /metrics"));
      response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
      if (method === "HEAD") return void response.end();
      void streamMetrics(engine.metricChunks(), response);
      return;
    }
    const verdict = checkControlRequest(method, request.headers);
    if (!verdict.ok) {
      request.resume();
      return sendJson(response, verdict.status, errorBody(verdict.code, verdict.message));
    }
    readBody(request).then(
      (body) => {
        const result = handleControl(engine, method, path, body);
        sendJson(response, result.status, result.body);
      },
      (error: unknown) =>
        sendJson(
          response,
          400,
          errorBody("bad_request", error instanceof BodyError ? error.message : "could not read the body"),
        ),
    );
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
