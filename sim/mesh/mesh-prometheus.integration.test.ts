/**
 * The mesh's metrics as a real Prometheus sees them: three meshes (each its own store and
 * config) run side by side on the wall clock, one Prometheus scrapes them every second
 * under different job names, and PromQL must show Bookinfo's edges, a 50/50 split and the
 * circuit breaker's 503 UO share.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, startScrapedMeshes, type ScrapedMeshes } from "./test-support/prometheus-harness";
import { HTTPBIN_CIRCUIT_BREAKER, REVIEWS_50_V3 } from "./test-support/sample-networking";

const WINDOW = "20s";

describe("Istio metrics through a real Prometheus", () => {
  let meshes: ScrapedMeshes;
  const byLabels = (promql: string, ...labels: string[]) => meshes.byLabels(promql, ...labels);

  beforeAll(async () => {
    meshes = await startScrapedMeshes("topsail-mesh-prom-", {
      default: { yaml: "", load: { "bookinfo-ingress": { requestsPerSecond: 40 } }, seed: 1 },
      split: { yaml: REVIEWS_50_V3, load: { "bookinfo-ingress": { requestsPerSecond: 60 } }, seed: 2 },
      breaker: { yaml: HTTPBIN_CIRCUIT_BREAKER, load: { fortio: { requestsPerSecond: 0, connections: 3 } }, seed: 3 },
    });
  });

  afterAll(async () => {
    await meshes?.stop();
  });

  it("shows Bookinfo's edges: gateway → productpage → details and reviews v1/v2/v3, v2/v3 → ratings", async () => {
    const promql = `sum by (source_workload, destination_workload) (rate(istio_requests_total{job="default",reporter="destination"}[${WINDOW}]))`;
    const expected = [
      "productpage-v1→details-v1",
      "productpage-v1→reviews-v1",
      "productpage-v1→reviews-v2",
      "productpage-v1→reviews-v3",
      "reviews-v2→ratings-v1",
      "reviews-v3→ratings-v1",
    ];
    // Wait until every edge's window is full: a series born mid-window reads a lower rate.
    const edges = await eventually(
      () => byLabels(promql, "source_workload", "destination_workload"),
      (e) => expected.every((edge) => (e[edge] ?? 0) > 5),
    );
    for (const edge of expected) {
      expect(edges[edge], edge).toBeGreaterThan(5);
    }
    expect(edges["reviews-v1→ratings-v1"]).toBeUndefined();
    const gateway = await byLabels(
      `sum by (source_workload, destination_workload) (rate(istio_requests_total{job="default",reporter="source",source_workload="istio-ingressgateway"}[${WINDOW}]))`,
      "source_workload",
      "destination_workload",
    );
    expect(gateway["istio-ingressgateway→productpage-v1"]).toBeGreaterThan(10);
  });

  it("splits reviews 50/50 between v1 and v3", async () => {
    const promql = `sum by (destination_version) (increase(istio_requests_total{job="split",reporter="destination",destination_service_name="reviews"}[${WINDOW}]))`;
    const split = await eventually(
      () => byLabels(promql, "destination_version"),
      (s) => (s.v1 ?? 0) + (s.v3 ?? 0) > 1000,
    );
    const total = (split.v1 ?? 0) + (split.v3 ?? 0);
    expect(total).toBeGreaterThan(1000);
    expect(split.v2 ?? 0).toBe(0);
    expect(Math.abs(((split.v1 ?? 0) / total) * 100 - 50)).toBeLessThanOrEqual(5);
  });

  it("shows 20–50% of fortio's requests to httpbin answered 503 UO at 3 connections", async () => {
    const promql = `sum by (response_code, response_flags) (increase(istio_requests_total{job="breaker",reporter="source",source_app="fortio",destination_service_name="httpbin"}[${WINDOW}]))`;
    const outcomes = await eventually(
      () => byLabels(promql, "response_code", "response_flags"),
      (o) => Object.values(o).reduce((a, b) => a + b, 0) > 500,
    );
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0);
    const overflow = outcomes["503→UO"] ?? 0;
    expect(total).toBeGreaterThan(500);
    const share = (overflow / total) * 100;
    expect(share).toBeGreaterThanOrEqual(20);
    expect(share).toBeLessThanOrEqual(50);
  });
});
