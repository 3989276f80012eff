import { describe, expect, it } from "vitest";
import { subjectQueries } from "./experiment-promql";

describe("gate queries", () => {
  it("measures what a subset's workloads answered, over the step's own window", () => {
    const q = subjectQueries(
      { direction: "inbound", namespace: "bookinfo", service: "reviews", workloads: ["reviews-v3"] },
      17,
    );
    const sel =
      'reporter="destination",destination_workload_namespace="bookinfo",destination_workload=~"reviews-v3",destination_service_name="reviews"';
    expect(q.requests).toBe(`sum(rate(istio_requests_total{${sel}}[17s]))`);
    expect(q.failures).toBe(
      `sum(rate(istio_requests_total{${sel},response_code=~"0|4..|5.."}[17s]) or rate(istio_requests_total{${sel},request_protocol="grpc",response_code!~"0|4..|5..",grpc_response_status!~"0|"}[17s]))`,
    );
    expect(q.p95).toBe(
      `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{${sel}}[17s])) by (le))`,
    );
  });

  it("counts what the graph counts as failures: no response, 4xx, 5xx, and gRPC answers with a non-zero grpc-status (HTTP 200)", () => {
    const q = subjectQueries(
      { direction: "inbound", namespace: "grpc-echo", service: "echo", workloads: ["echo-v2"] },
      10,
    );
    // A gRPC UNAVAILABLE travels as HTTP 200 with grpc-status 14: only grpc_response_status shows it.
    expect(q.failures).toContain('request_protocol="grpc",response_code!~"0|4..|5..",grpc_response_status!~"0|"');
    expect(q.failures).toContain('response_code=~"0|4..|5.."');
  });

  it("measures the calls a service's workloads make, where client-side give-ups show", () => {
    const q = subjectQueries(
      { direction: "outbound", namespace: "bookinfo", workloads: ["productpage-v1", "productpage.v2"] },
      30,
      [{ label: "job", op: "=", value: "mesh-a" }],
    );
    expect(q.requests).toBe(
      'sum(rate(istio_requests_total{reporter="source",source_workload_namespace="bookinfo",source_workload=~"productpage-v1|productpage\\\\.v2",job="mesh-a"}[30s]))',
    );
  });

  it("measures the requests to a service as its callers report them, where injected faults show", () => {
    const q = subjectQueries({ direction: "callers", namespace: "bookinfo", service: "reviews", workloads: [] }, 30, [
      { label: "job", op: "=", value: "mesh-a" },
    ]);
    const sel =
      'reporter="source",destination_service_name="reviews",destination_service_namespace="bookinfo",job="mesh-a"';
    expect(q.requests).toBe(`sum(rate(istio_requests_total{${sel}}[30s]))`);
    // The same failure classes as the other subjects.
    expect(q.failures).toBe(
      `sum(rate(istio_requests_total{${sel},response_code=~"0|4..|5.."}[30s]) or rate(istio_requests_total{${sel},request_protocol="grpc",response_code!~"0|4..|5..",grpc_response_status!~"0|"}[30s]))`,
    );
    expect(q.p95).toBe(
      `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{${sel}}[30s])) by (le))`,
    );
    expect(q.p99).toBe(
      `histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{${sel}}[30s])) by (le))`,
    );
  });

  it("escapes the service and namespace of a callers subject", () => {
    const q = subjectQueries({ direction: "callers", namespace: 'a"b', service: "x\\y", workloads: [] }, 10);
    expect(q.requests).toBe(
      'sum(rate(istio_requests_total{reporter="source",destination_service_name="x\\\\y",destination_service_namespace="a\\"b"}[10s]))',
    );
  });

  it("refuses a callers subject without a service rather than measuring every call", () => {
    expect(() => subjectQueries({ direction: "callers", namespace: "bookinfo", workloads: [] }, 10)).toThrow(
      /names the service/,
    );
  });

  it("matches nothing rather than everything when no workload is known", () => {
    expect(subjectQueries({ direction: "inbound", namespace: "x", workloads: [] }, 10).requests).toContain(
      'destination_workload=~"^$"',
    );
  });
});
