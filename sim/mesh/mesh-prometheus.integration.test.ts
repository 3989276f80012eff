/**
 * The mesh's metrics as a real Prometheus sees them: three meshes (each its own store and
 * config) run side by side on the wall clock, one Prometheus scrapes them every second
 * under different job names, and PromQL must show Bookinfo's edges, a 50/50 split and the
 * circuit breaker's 503 UO share.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrometheus, type RunningPrometheus } from "../../scripts/prometheus/start-prometheus";
import { startMesh, type RunningMesh } from "./index";
import { ENTRY_POINTS, type LoadOverrides } from "./load/load-settings";
import { applyYaml, createDefaultScenarioStore } from "./test-support/scenario-store";
import { HTTPBIN_CIRCUIT_BREAKER, REVIEWS_50_V3 } from "./test-support/sample-networking";

const WINDOW = "20s";

function only(load: LoadOverrides): LoadOverrides {
  return Object.fromEntries(ENTRY_POINTS.map((name) => [name, { requestsPerSecond: 0, connections: 0, ...(load[name] ?? {}) }]));
}

async function startScenario(yaml: string, load: LoadOverrides, seed: number): Promise<RunningMesh> {
  const store = createDefaultScenarioStore();
  if (yaml) applyYaml(store, yaml);
  return startMesh({ store, seed, metricsPort: 0, load: only(load) });
}

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

describe("Istio metrics through a real Prometheus", () => {
  let prometheus: RunningPrometheus;
  let dataDir: string;
  const meshes: Record<string, RunningMesh> = {};

  const query = async (promql: string): Promise<VectorResult[]> => {
    const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as { status: string; data: { result: VectorResult[] }; error?: string };
    if (body.status !== "success") throw new Error(`${promql}: ${body.error}`);
    return body.data.result;
  };

  const byLabels = async (promql: string, ...labels: string[]): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const r of await query(promql)) out[labels.map((l) => r.metric[l] ?? "").join("→")] = Number(r.value[1]);
    return out;
  };

  /** Polls until `ready` holds or the deadline passes, so the test waits only as long as Prometheus needs. */
  const eventually = async <T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (!ready(value) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2_000));
      value = await read();
    }
    return value;
  };

  beforeAll(async () => {
    meshes.default = await startScenario("", { "bookinfo-ingress": { requestsPerSecond: 40 } }, 1);
    meshes.split = await startScenario(REVIEWS_50_V3, { "bookinfo-ingress": { requestsPerSecond: 60 } }, 2);
    meshes.breaker = await startScenario(HTTPBIN_CIRCUIT_BREAKER, { fortio: { requestsPerSecond: 0, connections: 3 } }, 3);
    dataDir = await mkdtemp(path.join(tmpdir(), "topsail-mesh-prom-"));
    prometheus = await startPrometheus({
      dataDir,
      scrapeIntervalSeconds: 1,
      targets: Object.entries(meshes).map(([job, mesh]) => ({ job, address: new URL(mesh.metricsUrl).host })),
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await Promise.all(Object.values(meshes).map((m) => m.stop()));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("shows Bookinfo's edges: gateway → productpage → details and reviews v1/v2/v3, v2/v3 → ratings", async () => {
    const promql = `sum by (source_workload, destination_workload) (rate(istio_requests_total{job="default",reporter="destination"}[${WINDOW}]))`;
    const edges = await eventually(() => byLabels(promql, "source_workload", "destination_workload"), (e) => (e["reviews-v3→ratings-v1"] ?? 0) > 5);
    for (const edge of ["productpage-v1→details-v1", "productpage-v1→reviews-v1", "productpage-v1→reviews-v2", "productpage-v1→reviews-v3", "reviews-v2→ratings-v1", "reviews-v3→ratings-v1"]) {
      expect(edges[edge], edge).toBeGreaterThan(5);
    }
    expect(edges["reviews-v1→ratings-v1"]).toBeUndefined();
    const gateway = await byLabels(`sum by (source_workload, destination_workload) (rate(istio_requests_total{job="default",reporter="source",source_workload="istio-ingressgateway"}[${WINDOW}]))`, "source_workload", "destination_workload");
    expect(gateway["istio-ingressgateway→productpage-v1"]).toBeGreaterThan(10);
  });

  it("splits reviews 50/50 between v1 and v3", async () => {
    const promql = `sum by (destination_version) (increase(istio_requests_total{job="split",reporter="destination",destination_service_name="reviews"}[${WINDOW}]))`;
    const split = await eventually(() => byLabels(promql, "destination_version"), (s) => (s.v1 ?? 0) + (s.v3 ?? 0) > 1000);
    const total = (split.v1 ?? 0) + (split.v3 ?? 0);
    expect(total).toBeGreaterThan(1000);
    expect(split.v2 ?? 0).toBe(0);
    expect(Math.abs(((split.v1 ?? 0) / total) * 100 - 50)).toBeLessThanOrEqual(5);
  });

  it("shows 20–50% of fortio's requests to httpbin answered 503 UO at 3 connections", async () => {
    const promql = `sum by (response_code, response_flags) (increase(istio_requests_total{job="breaker",reporter="source",source_app="fortio",destination_service_name="httpbin"}[${WINDOW}]))`;
    const outcomes = await eventually(() => byLabels(promql, "response_code", "response_flags"), (o) => Object.values(o).reduce((a, b) => a + b, 0) > 500);
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    const overflow = outcomes["503→UO"] ?? 0;
    expect(total).toBeGreaterThan(500);
    const share = (overflow / total) * 100;
    expect(share).toBeGreaterThanOrEqual(20);
    expect(share).toBeLessThanOrEqual(50);
  });
});
