import { describe, expect, it } from "vitest";
import { buildChartQueries, directionsOf, metricsResolution, type MetricTarget } from "./metric-queries";

const reviews: MetricTarget = { kind: "services", namespace: "bookinfo", name: "reviews" };
const productpage: MetricTarget = { kind: "workloads", namespace: "bookinfo", name: "productpage-v1" };
const ratingsApp: MetricTarget = { kind: "applications", namespace: "bookinfo", name: "ratings" };

const queryOf = (target: MetricTarget, direction: "inbound" | "outbound", id: string) =>
  buildChartQueries(target, direction, 60)?.find((q) => q.id === id)?.promql;

describe("the metrics tab's PromQL, one range query per chart", () => {
  it("sends a service's inbound request rate by version and response code, from the destination proxies", () => {
    expect(queryOf(reviews, "inbound", "requestRate")).toBe(
      'sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"}[60s])) by (destination_canonical_revision,response_code)',
    );
  });

  it("sends the error share (no response, 4xx, 5xx, gRPC status ≠ 0) by version as a percentage, 0 for a version without errors", () => {
    const m = 'reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"';
    const all = `sum(rate(istio_requests_total{${m}}[60s])) by (destination_canonical_revision)`;
    const errors = `sum(rate(istio_requests_total{${m},response_code=~"0|4..|5.."}[60s]) or rate(istio_requests_total{${m},request_protocol="grpc",response_code!~"0|4..|5..",grpc_response_status!~"0|"}[60s])) by (destination_canonical_revision)`;
    expect(queryOf(reviews, "inbound", "errorRate")).toBe(`(${errors} or ${all} * 0) / (${all}) * 100`);
    expect(buildChartQueries(reviews, "inbound", 60)?.find((q) => q.id === "errorRate")?.title).toBe(
      "Error rate (no response, 4xx, 5xx, gRPC status ≠ 0) by version",
    );
  });

  it("sends p50, p95 and p99 of the duration in one query, each tagged with its quantile", () => {
    const bucket =
      'istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="bookinfo",destination_workload="productpage-v1"}';
    expect(queryOf(productpage, "inbound", "duration")).toBe(
      `label_replace(histogram_quantile(0.5, sum(rate(${bucket}[60s])) by (le)), "quantile", "p50", "", "") or ` +
        `label_replace(histogram_quantile(0.95, sum(rate(${bucket}[60s])) by (le)), "quantile", "p95", "", "") or ` +
        `label_replace(histogram_quantile(0.99, sum(rate(${bucket}[60s])) by (le)), "quantile", "p99", "", "")`,
    );
  });

  it("sends average request and response sizes by version", () => {
    const m =
      'reporter="destination",destination_workload_namespace="bookinfo",destination_canonical_service="ratings"';
    expect(queryOf(ratingsApp, "inbound", "requestSize")).toBe(
      `(sum(rate(istio_request_bytes_sum{${m}}[60s])) by (destination_canonical_revision)) / (sum(rate(istio_request_bytes_count{${m}}[60s])) by (destination_canonical_revision))`,
    );
    expect(queryOf(ratingsApp, "inbound", "responseSize")).toBe(
      `(sum(rate(istio_response_bytes_sum{${m}}[60s])) by (destination_canonical_revision)) / (sum(rate(istio_response_bytes_count{${m}}[60s])) by (destination_canonical_revision))`,
    );
  });

  it("sends TCP bytes sent and received by version", () => {
    const m = 'reporter="destination",destination_service_namespace="bookinfo",destination_service_name="reviews"';
    expect(queryOf(reviews, "inbound", "tcpSent")).toBe(
      `sum(rate(istio_tcp_sent_bytes_total{${m}}[60s])) by (destination_canonical_revision)`,
    );
    expect(queryOf(reviews, "inbound", "tcpReceived")).toBe(
      `sum(rate(istio_tcp_received_bytes_total{${m}}[60s])) by (destination_canonical_revision)`,
    );
  });

  it("reads outbound requests from the source proxies, split by the called service and its version", () => {
    expect(queryOf(productpage, "outbound", "requestRate")).toBe(
      'sum(rate(istio_requests_total{reporter="source",source_workload_namespace="bookinfo",source_workload="productpage-v1"}[60s])) by (destination_canonical_service,destination_canonical_revision,response_code)',
    );
    expect(queryOf(ratingsApp, "outbound", "tcpSent")).toBe(
      'sum(rate(istio_tcp_sent_bytes_total{reporter="source",source_workload_namespace="bookinfo",source_canonical_service="ratings"}[60s])) by (destination_canonical_service,destination_canonical_revision)',
    );
  });

  it("offers no outbound tab for a service, which originates no requests", () => {
    expect(directionsOf("services")).toEqual(["inbound"]);
    expect(directionsOf("workloads")).toEqual(["inbound", "outbound"]);
    expect(buildChartQueries(reviews, "outbound", 60)).toBeUndefined();
  });

  it("escapes names, so a name cannot change the query", () => {
    expect(queryOf({ kind: "workloads", namespace: "a", name: 'x"}' }, "inbound", "tcpSent")).toContain(
      'destination_workload="x\\"}"',
    );
  });

  it("names each series after the labels its chart groups by", () => {
    const charts = buildChartQueries(productpage, "outbound", 60) ?? [];
    expect(Object.fromEntries(charts.map((c) => [c.id, c.seriesLabels]))).toEqual({
      requestRate: ["destination_canonical_service", "destination_canonical_revision", "response_code"],
      errorRate: ["destination_canonical_service", "destination_canonical_revision"],
      duration: ["quantile"],
      requestSize: ["destination_canonical_service", "destination_canonical_revision"],
      responseSize: ["destination_canonical_service", "destination_canonical_revision"],
      tcpSent: ["destination_canonical_service", "destination_canonical_revision"],
      tcpReceived: ["destination_canonical_service", "destination_canonical_revision"],
    });
  });
});

describe("metrics resolution", () => {
  it("asks for about 120 points, steps of at least 15 s and a rate window of at least a minute", () => {
    expect(metricsResolution(300)).toEqual({ stepSeconds: 15, rateWindowSeconds: 60 });
    expect(metricsResolution(3600)).toEqual({ stepSeconds: 30, rateWindowSeconds: 60 });
    expect(metricsResolution(21_600)).toEqual({ stepSeconds: 180, rateWindowSeconds: 360 });
  });
});
