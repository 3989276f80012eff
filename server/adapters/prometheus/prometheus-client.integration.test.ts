import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrometheusError } from "@/server/errors";
import { findFreePort, startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { createPrometheusClient } from "./prometheus-client";

describe("Prometheus client against a real Prometheus", () => {
  let prometheus: RunningPrometheus;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "topsail-prom-"));
    const port = await findFreePort();
    // Prometheus scrapes itself, so `up` and its own metrics exist within one interval.
    prometheus = await startPrometheus({
      dataDir,
      port,
      scrapeIntervalSeconds: 1,
      targets: [{ job: "prometheus", address: `127.0.0.1:${port}` }],
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const client = () =>
    createPrometheusClient({ url: prometheus.url, auth: { kind: "none" }, headers: {}, timeoutMs: 5000 });

  it("answers instant queries as vectors of numbers", async () => {
    let result = await client().query("vector(42)");
    expect(result).toMatchObject({ kind: "vector", samples: [{ labels: {}, value: 42 }] });
    // The self-scrape lands within a couple of intervals.
    for (let i = 0; i < 20; i++) {
      result = await client().query('up{job="prometheus"}');
      if (result.kind === "vector" && result.samples.length > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(result.kind === "vector" && result.samples[0]?.labels.job).toBe("prometheus");
  });

  it("answers range queries as series of points", async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 10_000);
    const result = await client().queryRange("vector(1)", { start, end, stepSeconds: 2 });
    expect(result.kind).toBe("matrix");
    if (result.kind === "matrix") expect(result.series[0]?.points.length).toBeGreaterThanOrEqual(5);
  });

  it("reports the server version", async () => {
    expect((await client().buildInfo()).version).toMatch(/^\d+\.\d+/);
  });

  it("turns a PromQL syntax error into a typed error that carries the query", async () => {
    const error = await client()
      .query("sum(")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).errorType).toBe("bad_data");
    expect((error as PrometheusError).query).toBe("sum(");
    expect((error as PrometheusError).code).toBe("prometheus_query");
  });

  it("says Prometheus is unavailable when nothing listens", async () => {
    const port = await findFreePort();
    const offline = createPrometheusClient({
      url: `http://127.0.0.1:${port}`,
      auth: { kind: "none" },
      headers: {},
      timeoutMs: 2000,
    });
    const error = await offline.query("up").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).code).toBe("prometheus_unavailable");
    expect((error as PrometheusError).message).toContain(`127.0.0.1:${port}`);
  });

  it("says Prometheus is unavailable when it sends its headers and then stalls the body past the deadline", async () => {
    // A real HTTP server that starts a 200 answer and never finishes it (a slow query
    // streaming a large result): before, the stalled body threw past the handler as a 500.
    const stalled = http.createServer((_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"status":"success","data":{"resultType":"vector","result":[');
    });
    await new Promise<void>((resolve) => stalled.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
      const error = await createPrometheusClient({ url, auth: { kind: "none" }, headers: {}, timeoutMs: 500 })
        .query("up")
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrometheusError);
      expect((error as PrometheusError).code).toBe("prometheus_unavailable");
      expect((error as PrometheusError).message).toBe(`Prometheus at ${url} did not answer within 500 ms`);
    } finally {
      stalled.closeAllConnections();
      await new Promise<void>((resolve) => stalled.close(() => resolve()));
    }
  });
});
