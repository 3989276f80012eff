/**
 * GET /metrics as Prometheus scrapes it, through the route handler in process, on a real
 * SQLite file: the console's series are there, a failed Prometheus query is counted by its
 * error type, and experiments are counted by phase from the database.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";

/** A loopback port nothing listens on: Prometheus "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the console's own /metrics", () => {
  let dir: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, TOPSAIL_PROMETHEUS_URL: process.env.TOPSAIL_PROMETHEUS_URL };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-metrics-"));
    const dbUrl = `file:${path.join(dir, "topsail.db")}`;
    await applyPendingMigrations(dbUrl);
    process.env.DATABASE_URL = dbUrl;
    process.env.TOPSAIL_PROMETHEUS_URL = `http://127.0.0.1:${await closedPort()}`;
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await disconnectDb();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the listed series in Prometheus's text format and counts a failed query by its error type", async () => {
    const { getPrometheusClient } = await import("@/server/adapters/prometheus");
    await expect(getPrometheusClient().query("up")).rejects.toThrow(/Cannot reach Prometheus/);
    const { GET } = await import("@/app/metrics/route");
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const series of [
      "topsail_http_request_duration_seconds",
      "topsail_graph_build_duration_seconds",
      "topsail_prometheus_query_duration_seconds",
      "topsail_experiments",
      "topsail_background_leader",
      "topsail_process_cpu_user_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${series}`);
    }
    expect(text).toMatch(/^topsail_prometheus_query_errors_total\{error_type="unavailable"\} 1$/m);
    expect(text).toMatch(/^topsail_prometheus_query_duration_seconds_count\{outcome="error"\} 1$/m);
  });
});
