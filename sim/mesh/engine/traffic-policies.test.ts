import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { sumBy, sumOf } from "../test-support/parse-metrics";
import { HTTPBIN_CIRCUIT_BREAKER, REVIEWS_V1_MIRROR_V2, TCP_ECHO_20_V2 } from "../test-support/sample-networking";

const R = "istio_requests_total";

describe("httpbin's circuit breaker (maxConnections 1, 1 pending, 1 request per connection)", () => {
  it("answers 20–50% of fortio's requests at 3 connections with 503 UO from fortio's own proxy", () => {
    const h = startHarness({ fortio: { requestsPerSecond: 0, connections: 3 } }, 21);
    h.apply(HTTPBIN_CIRCUIT_BREAKER);
    h.run(5_000);
    const samples = h.samples();
    const total = sumOf(samples, R, { reporter: "source", source_app: "fortio" });
    const overflow = sumOf(samples, R, {
      reporter: "source",
      source_app: "fortio",
      response_code: "503",
      response_flags: /UO/,
    });
    expect(total).toBeGreaterThan(500);
    const share = (overflow / total) * 100;
    expect(share).toBeGreaterThanOrEqual(20);
    expect(share).toBeLessThanOrEqual(50);
    // Overflow never reaches httpbin, so httpbin's sidecar only saw the successful ones.
    expect(sumOf(samples, R, { reporter: "destination", destination_app: "httpbin" })).toBe(total - overflow);
    expect(sumOf(samples, R, { reporter: "source", response_flags: /UO/, destination_workload: "unknown" })).toBe(
      overflow,
    );
  });

  it("lets a single connection through untouched", () => {
    const h = startHarness({ fortio: { requestsPerSecond: 0, connections: 1 } }, 22);
    h.apply(HTTPBIN_CIRCUIT_BREAKER);
    h.run(3_000);
    expect(sumOf(h.samples(), R, { reporter: "source", response_code: "503" })).toBe(0);
  });
});

describe("outlier detection", () => {
  it("ejects a failing host, so most traffic moves to the healthy one", () => {
    const h = startHarness({ fortio: { requestsPerSecond: 50, connections: 1 } }, 23);
    h.apply(HTTPBIN_CIRCUIT_BREAKER);
    h.engine.setWorkloadBehaviour("httpbin", "httpbin-v2", { errorRate: 1 });
    h.run(20_000);
    const byVersion = sumBy(h.samples(), R, "destination_version", {
      reporter: "destination",
      destination_service_name: "httpbin",
    });
    // One 500 from v2 ejects it for 3 minutes.
    expect(byVersion.v2).toBe(1);
    expect(byVersion.v1).toBeGreaterThan(900);
  });
});

describe("mirroring reviews v1 to v2", () => {
  it("gives reviews-v2 the mirrored traffic in its destination metrics, never in productpage's source metrics", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 20 } }, 24);
    h.apply(REVIEWS_V1_MIRROR_V2);
    h.run(30_000);
    const samples = h.samples();
    const v1 = sumOf(samples, R, { reporter: "destination", destination_workload: "reviews-v1" });
    const v2 = sumOf(samples, R, { reporter: "destination", destination_workload: "reviews-v2" });
    expect(v1).toBeGreaterThan(500);
    expect(Math.abs(v2 - v1)).toBeLessThan(5);
    expect(
      sumOf(samples, R, { reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v2" }),
    ).toBe(0);
    // v2 then calls ratings as usual: the mirror is a real request to it.
    expect(
      sumOf(samples, R, { reporter: "destination", source_workload: "reviews-v2", destination_workload: "ratings-v1" }),
    ).toBeGreaterThan(v2 - 5);
  });
});

describe("tcp-echo shifted 80/20 between v1 and v2", () => {
  it("sends 80 ± 8% of new connections to v1", () => {
    const h = startHarness({ "tcp-client": { requestsPerSecond: 20 } }, 25);
    h.apply(TCP_ECHO_20_V2);
    h.run(60_000);
    const samples = h.samples();
    const opened = sumBy(samples, "istio_tcp_connections_opened_total", "destination_version", {
      reporter: "destination",
      destination_service_name: "tcp-echo",
    });
    const total = (opened.v1 ?? 0) + (opened.v2 ?? 0);
    expect(total).toBeGreaterThan(1000);
    expect(Math.abs(((opened.v1 ?? 0) / total) * 100 - 80)).toBeLessThanOrEqual(8);
    const received = sumOf(samples, "istio_tcp_received_bytes_total", {
      reporter: "destination",
      destination_service_name: "tcp-echo",
    });
    const sent = sumOf(samples, "istio_tcp_sent_bytes_total", {
      reporter: "destination",
      destination_service_name: "tcp-echo",
    });
    expect(received).toBeGreaterThan(10 * total - 100);
    // The echo comes back with its "one "/"two " prefix.
    expect(sent).toBeGreaterThan(received);
    const closed = sumOf(samples, "istio_tcp_connections_closed_total", {
      reporter: "source",
      destination_service_name: "tcp-echo",
    });
    expect(closed).toBeGreaterThan(total - 5);
  });
});

describe("a subset that selects no pods", () => {
  it("answers 503 UH from the client proxy", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 10 } }, 26);
    h.apply(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: details, namespace: bookinfo }
spec:
  host: details
  subsets:
  - name: v2
    labels: { version: v2 }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: details, namespace: bookinfo }
spec:
  hosts: [details]
  http:
  - route:
    - destination: { host: details, subset: v2 }
`);
    h.run(10_000);
    const samples = h.samples();
    const calls = sumOf(samples, R, {
      reporter: "source",
      source_workload: "productpage-v1",
      destination_service_name: "details",
    });
    expect(calls).toBeGreaterThan(50);
    expect(
      sumOf(samples, R, {
        reporter: "source",
        destination_service_name: "details",
        response_code: "503",
        response_flags: "UH",
      }),
    ).toBe(calls);
    expect(sumOf(samples, R, { reporter: "destination", destination_service_name: "details" })).toBe(0);
  });
});
