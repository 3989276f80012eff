/**
 * The rest of issue 4's scenarios as a real Prometheus sees them: fault abort and delay for
 * jason, a route timeout, mirroring and a TCP split. Five meshes run side by side on the
 * wall clock (each its own store and config) and one Prometheus scrapes them every second
 * under different job names, so the waits overlap instead of adding up.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoadOverrides } from "./load/load-settings";
import {
  eventually as eventuallyWithin,
  startScrapedMeshes,
  type ScrapedMeshes,
} from "./test-support/prometheus-harness";
import {
  RATINGS_DELAY_2S,
  RATINGS_TEST_ABORT,
  RATINGS_TEST_DELAY,
  REVIEWS_TEST_V2,
  REVIEWS_V1_MIRROR_V2,
  REVIEWS_V2_TIMEOUT_HALF_SECOND,
  TCP_ECHO_20_V2,
  VIRTUAL_SERVICE_ALL_V1,
} from "./test-support/sample-networking";

const WINDOW = "30s";

describe("fault injection, timeouts, mirroring and TCP shifting through a real Prometheus", () => {
  let meshes: ScrapedMeshes;
  const query = (promql: string) => meshes.query(promql);
  const byLabels = (promql: string, ...labels: string[]) => meshes.byLabels(promql, ...labels);
  const eventually = <T>(read: () => Promise<T>, ready: (value: T) => boolean) => eventuallyWithin(read, ready, 90_000);
  const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    const bookinfo = (rate: number, jasonShare: number): LoadOverrides => ({
      "bookinfo-ingress": { requestsPerSecond: rate, jasonShare },
    });
    meshes = await startScrapedMeshes("topsail-mesh-faults-", {
      abort: { yaml: VIRTUAL_SERVICE_ALL_V1 + REVIEWS_TEST_V2 + RATINGS_TEST_ABORT, load: bookinfo(40, 0.2), seed: 21 },
      delay: { yaml: VIRTUAL_SERVICE_ALL_V1 + REVIEWS_TEST_V2 + RATINGS_TEST_DELAY, load: bookinfo(20, 0.3), seed: 22 },
      timeout: { yaml: REVIEWS_V2_TIMEOUT_HALF_SECOND + RATINGS_DELAY_2S, load: bookinfo(20, 0), seed: 23 },
      mirror: { yaml: REVIEWS_V1_MIRROR_V2, load: bookinfo(30, 0), seed: 24 },
      tcp: { yaml: TCP_ECHO_20_V2, load: { "tcp-client": { requestsPerSecond: 40 } }, seed: 25 },
    });
  });

  afterAll(async () => {
    await meshes?.stop();
  });

  it("aborts reviews → ratings with 500 FI for jason's share only, while productpage still answers 200", async () => {
    const toRatings = `sum by (response_code, response_flags) (increase(istio_requests_total{job="abort",reporter="source",source_app="reviews",destination_service_name="ratings"}[${WINDOW}]))`;
    const outcomes = await eventually(
      () => byLabels(toRatings, "response_code", "response_flags"),
      (o) => (o["500→FI"] ?? 0) > 50,
    );
    expect(outcomes["500→FI"]).toBeGreaterThan(50);
    // In this config only jason reaches reviews v2 (the one that calls
    // ratings), so every call to ratings is jason's and aborted.
    expect(sum(outcomes) - (outcomes["500→FI"] ?? 0)).toBeLessThan(sum(outcomes) * 0.02);
    // The fault happens in reviews' sidecar: ratings never sees a 500.
    const atRatings = await byLabels(
      `sum by (response_code) (increase(istio_requests_total{job="abort",reporter="destination",destination_app="ratings"}[${WINDOW}]))`,
      "response_code",
    );
    expect(atRatings["500"] ?? 0).toBe(0);
    // Non-jason traffic (reviews v1) is untouched, and every page still answers 200.
    const pages = await byLabels(
      `sum by (response_code) (increase(istio_requests_total{job="abort",reporter="destination",destination_app="productpage"}[${WINDOW}]))`,
      "response_code",
    );
    expect(Object.keys(pages)).toEqual(["200"]);
    const jasonShare = (outcomes["500→FI"] ?? 0) / (pages["200"] ?? 1);
    expect(jasonShare).toBeGreaterThan(0.1);
    expect(jasonShare).toBeLessThan(0.3);
  });

  it("makes productpage give up on reviews for jason after about 6 s when ratings is delayed 7 s", async () => {
    const fromProductpage = `sum by (destination_version, response_code, response_flags) (increase(istio_requests_total{job="delay",reporter="source",source_app="productpage",destination_service_name="reviews"}[${WINDOW}]))`;
    const outcomes = await eventually(
      () => byLabels(fromProductpage, "destination_version", "response_code", "response_flags"),
      (o) => (o["v2→0→DC"] ?? 0) > 20 && (o["v1→200→-"] ?? 0) > 50,
    );
    // jason goes to reviews v2, whose call to ratings waits 7 s: productpage hangs up (twice, 3 s each).
    expect(outcomes["v2→0→DC"]).toBeGreaterThan(20);
    expect(outcomes["v2→200→-"] ?? 0).toBe(0);
    // Everyone else (v1) is fine.
    expect(outcomes["v1→200→-"]).toBeGreaterThan(50);
    // jason's pages take about 6 s: the p99 of productpage's inbound duration is between 5 and 10 s.
    const p99 = await query(
      `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{job="delay",reporter="destination",destination_app="productpage"}[${WINDOW}])))`,
    );
    const ms = Number(p99[0]?.value[1]);
    expect(ms).toBeGreaterThan(5000);
    expect(ms).toBeLessThanOrEqual(10000);
  });

  it("answers reviews with 504 UT when its 0.5 s timeout meets a 2 s ratings delay", async () => {
    const toReviews = `sum by (response_code, response_flags) (increase(istio_requests_total{job="timeout",reporter="source",source_app="productpage",destination_service_name="reviews"}[${WINDOW}]))`;
    const outcomes = await eventually(
      () => byLabels(toReviews, "response_code", "response_flags"),
      (o) => (o["504→UT"] ?? 0) > 50,
    );
    expect(outcomes["504→UT"]).toBeGreaterThan(50);
  });

  it("sends mirrored reviews traffic to v2 while responses come from v1", async () => {
    const atReviews = `sum by (destination_version) (increase(istio_requests_total{job="mirror",reporter="destination",destination_service_name=~"reviews.*"}[${WINDOW}]))`;
    const byVersion = await eventually(
      () => byLabels(atReviews, "destination_version"),
      (v) => (v.v2 ?? 0) > 100,
    );
    expect(byVersion.v2).toBeGreaterThan(100);
    expect(byVersion.v1).toBeGreaterThan(100);
    expect(byVersion.v3 ?? 0).toBe(0);
    // productpage's own view (source) shows only v1 answering it.
    const answered = await byLabels(
      `sum by (destination_version) (increase(istio_requests_total{job="mirror",reporter="source",source_app="productpage",destination_service_name="reviews"}[${WINDOW}]))`,
      "destination_version",
    );
    expect(Object.keys(answered)).toEqual(["v1"]);
  });

  it("splits new tcp-echo connections 80/20 between v1 and v2", async () => {
    const opened = `sum by (destination_version) (increase(istio_tcp_connections_opened_total{job="tcp",reporter="source",destination_service_name="tcp-echo"}[${WINDOW}]))`;
    const split = await eventually(
      () => byLabels(opened, "destination_version"),
      (s) => sum(s) > 600,
    );
    const total = sum(split);
    expect(total).toBeGreaterThan(600);
    expect(Math.abs(((split.v1 ?? 0) / total) * 100 - 80)).toBeLessThanOrEqual(8);
  });
});
