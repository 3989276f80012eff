import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMesh, type RunningMesh } from "../index";
import { bookinfoRequestRecords } from "../test-support/bookinfo-trace-records";
import { createDefaultScenarioStore } from "../test-support/scenario-store";
import { TraceStore } from "./trace-store";
import { startTracingServer, type TracingServer } from "./tracing-server";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("the Jaeger query API over HTTP", () => {
  let server: TracingServer;
  let root: string;
  beforeAll(async () => {
    const store = new TraceStore();
    const records = bookinfoRequestRecords({
      traceId: TRACE,
      requestId: "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11",
      startedAtMs: Date.now() - 60_000,
      reviews: "v3",
      ratings: { abort: true },
    });
    for (const record of records) store.record(record);
    server = await startTracingServer(store, { host: "127.0.0.1", port: 0 });
    root = server.url.replace(/\/jaeger$/, "");
  });
  afterAll(() => server.close());

  it("serves under /jaeger, as Istio's addon does, and at the root", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jaeger$/);
    for (const base of [server.url, root]) {
      const response = await fetch(`${base}/api/services`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(await response.json()).toEqual({
        data: [
          "details.bookinfo",
          "istio-ingressgateway.istio-system",
          "productpage.bookinfo",
          // ratings' proxy never saw the aborted call: no ratings span, no ratings service.
          "reviews.bookinfo",
        ],
        total: 4,
        limit: 0,
        offset: 0,
        errors: null,
      });
    }
  });

  it("finds the aborted request's trace by its error, as Kiali searches", async () => {
    const params = new URLSearchParams({
      service: "reviews.bookinfo",
      tags: '{"error":"true"}',
      start: String((Date.now() - 3_600_000) * 1000),
      limit: "20",
    });
    const body = (await (await fetch(`${server.url}/api/traces?${params}`)).json()) as {
      data: { traceID: string; spans: { operationName: string }[] }[];
    };
    expect(body.data.map((t) => t.traceID)).toEqual([TRACE]);
    expect(body.data[0]?.spans).toHaveLength(8);
    const one = await fetch(`${server.url}/api/traces/${TRACE}`);
    expect(((await one.json()) as { data: { traceID: string }[] }).data[0]?.traceID).toBe(TRACE);
  });

  it("answers errors with Jaeger's envelope, typed as text as Go's http.Error types it", async () => {
    const missing = await fetch(`${server.url}/api/traces/${"f".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await missing.text()).toBe(
      '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}\n',
    );
    const noService = await fetch(`${server.url}/api/traces`);
    expect(noService.status).toBe(400);
    expect(await noService.json()).toMatchObject({ errors: [{ code: 400, msg: "parameter 'service' is required" }] });
    const unknown = await fetch(`${server.url}/api/unknown`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("404 page not found\n");
    expect((await fetch(`${server.url}/api/services`, { method: "POST" })).status).toBe(405);
  });
});

describe("startMesh with a tracing port", () => {
  let mesh: RunningMesh;
  beforeAll(async () => {
    mesh = await startMesh({ store: createDefaultScenarioStore(), metricsPort: 0, tracingPort: 0, realTime: false });
  });
  afterAll(() => mesh.stop());

  it("serves the Jaeger query API and says where", async () => {
    expect(mesh.tracingUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jaeger$/);
    const response = await fetch(`${mesh.tracingUrl}/api/services`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ errors: null });
  });

  it("does not serve traces without a tracing port", async () => {
    const plain = await startMesh({ store: createDefaultScenarioStore(), metricsPort: 0, realTime: false });
    try {
      expect(plain.tracingUrl).toBeUndefined();
    } finally {
      await plain.stop();
    }
  });
});
