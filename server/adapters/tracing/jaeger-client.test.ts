/**
 * The Jaeger client against a local HTTP server that answers as Istio's Jaeger addon does
 * (base path /jaeger, the v1 envelope, µs times), with hand-written Bookinfo traces.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TracingError } from "@/server/errors";
import { normalV2, ratingsAbort } from "./__fixtures__/bookinfo-jaeger";
import { createJaegerClient } from "./jaeger-client";

const envelope = (data: unknown, errors: { code: number; msg: string }[] | null = null) =>
  JSON.stringify({ data, total: Array.isArray(data) ? data.length : 0, limit: 0, offset: 0, errors });

describe("Jaeger query client", () => {
  let server: http.Server;
  let base: string;
  const seen: URL[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      seen.push(url);
      const reply = (status: number, body: string, type = "application/json") => {
        res.writeHead(status, { "Content-Type": type });
        res.end(body);
      };
      const path = url.pathname;
      if (path === "/jaeger/api/services") return reply(200, envelope(["productpage.bookinfo", "reviews.bookinfo"]));
      if (path === "/jaeger/api/services/reviews.bookinfo/operations")
        return reply(
          200,
          envelope(["reviews.bookinfo.svc.cluster.local:9080/*", "ratings.bookinfo.svc.cluster.local:9080/*"]),
        );
      if (path === "/jaeger/api/services/none.bookinfo/operations") return reply(200, envelope(null));
      if (path === "/jaeger/api/traces") {
        if (!url.searchParams.get("service"))
          return reply(400, envelope(null, [{ code: 400, msg: "parameter 'service' is required" }]));
        return reply(200, envelope([normalV2, ratingsAbort]));
      }
      if (path === `/jaeger/api/traces/${normalV2.traceID}`) return reply(200, envelope([normalV2]));
      if (path.startsWith("/jaeger/api/traces/"))
        return reply(404, envelope(null, [{ code: 404, msg: "trace not found" }]));
      if (path === "/slow/api/services") return void setTimeout(() => reply(200, envelope([])), 1_000);
      if (path === "/odd/api/services") return reply(200, envelope({ services: 3 }));
      if (path === "/gone/api/services") return reply(404, JSON.stringify({ message: "404 page not found" }));
      // Jaeger's UI serves its page for any path it does not know.
      return reply(200, "<!doctype html><title>Jaeger UI</title>", "text/html");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const client = (path = "/jaeger", timeoutMs = 2_000) => createJaegerClient({ url: `${base}${path}`, timeoutMs });

  it("lists services and a service's operations", async () => {
    expect(await client().listServices()).toEqual(["productpage.bookinfo", "reviews.bookinfo"]);
    expect(await client().listOperations("reviews.bookinfo")).toContain("ratings.bookinfo.svc.cluster.local:9080/*");
    expect(await client().listOperations("none.bookinfo")).toEqual([]);
  });

  it("searches with times in microseconds, tags as JSON and the minimum duration in µs", async () => {
    const start = new Date("2026-08-24T10:00:00Z");
    const end = new Date("2026-08-24T10:30:00Z");
    const traces = await client().searchTraces({
      service: "reviews.bookinfo",
      tags: { response_flags: "FI" },
      start,
      end,
      minDurationMs: 250,
      limit: 50,
    });
    const asked = seen.findLast((u) => u.pathname === "/jaeger/api/traces");
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
      service: "reviews.bookinfo",
      start: String(start.getTime() * 1000),
      end: String(end.getTime() * 1000),
      limit: "50",
      tags: '{"response_flags":"FI"}',
      minDuration: "250000us",
    });
    expect(traces.map((t) => t.traceId)).toEqual([normalV2.traceID, ratingsAbort.traceID]);
  });

  it("reshapes a trace: ms times, the process's service name, tags as text, the CHILD_OF parent", async () => {
    const trace = await client().getTrace(normalV2.traceID);
    expect(trace?.spans).toHaveLength(9);
    const root = trace?.spans[0];
    expect(root).toMatchObject({ service: "istio-ingressgateway.istio-system", parentSpanId: undefined });
    expect(root?.startMs).toBe(1_790_000_000_000);
    const ratings = trace?.spans.find((s) => s.service === "ratings.bookinfo");
    expect(ratings).toMatchObject({
      parentSpanId: "b000000000000008",
      durationMs: 1.5,
      tags: expect.objectContaining({ "http.status_code": "200", "span.kind": "server", hostname: "ratings.bookinfo" }),
    });
    const aborted = await client().searchTraces({ service: "x", start: new Date(0), end: new Date(), limit: 1 });
    const fault = aborted[1]?.spans.find((s) => s.tags.response_flags === "FI");
    expect(fault?.tags.error).toBe("true");
  });

  it("answers an unknown trace id with undefined, not an error", async () => {
    expect(await client().getTrace("00000000000000000000000000000001")).toBeUndefined();
  });

  it("turns the backend's refusal into a tracing_query error with its message", async () => {
    const error = await client()
      .searchTraces({ service: "", start: new Date(0), end: new Date(), limit: 1 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TracingError);
    expect(error).toMatchObject({
      code: "tracing_query",
      message: expect.stringContaining("parameter 'service' is required"),
    });
  });

  it("says the base path is likely missing when the answer is the UI's HTML page", async () => {
    const error = await client("")
      .listServices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "tracing_query", message: expect.stringContaining("with its base path") });
  });

  it("reads a 404 outside /api/traces/{id} as a wrong URL, not as an empty answer", async () => {
    const error = await client("/gone")
      .listServices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "tracing_query", message: expect.stringContaining("(HTTP 404)") });
  });

  it("refuses an answer of the wrong shape", async () => {
    const error = await client("/odd")
      .listServices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "tracing_query", errorType: "bad_response" });
  });

  it("gives up after the deadline with tracing_unavailable", async () => {
    const error = await client("/slow", 200)
      .listServices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "tracing_unavailable", errorType: "timeout" });
  });

  it("reports an unreachable backend as tracing_unavailable", async () => {
    const error = await createJaegerClient({ url: "http://127.0.0.1:1/jaeger", timeoutMs: 1_000 })
      .listServices()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "tracing_unavailable", errorType: "unavailable" });
  });
});
