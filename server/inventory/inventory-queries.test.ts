import { describe, expect, it } from "vitest";
import { buildHealthQuery, buildTrafficQueries } from "./inventory-queries";
import { toTrafficPeers } from "./read-traffic";

describe("the inventory's instant queries", () => {
  it("reads health from the destination proxies of one namespace, grouped to roll up per workload, app and service", () => {
    expect(buildHealthQuery("bookinfo")).toBe(
      'sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="bookinfo"}[300s])) by (destination_workload,destination_canonical_service,destination_service_name,request_protocol,response_code,grpc_response_status)',
    );
  });

  it("reads a workload's callers, their p95 and TCP bytes for the traffic tab", () => {
    const q = buildTrafficQueries({ kind: "workloads", namespace: "bookinfo", name: "reviews-v2" }, "inbound", 300);
    const m = 'reporter="destination",destination_workload_namespace="bookinfo",destination_workload="reviews-v2"';
    const peers = "source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision";
    expect(q).toEqual({
      requests: `sum(rate(istio_requests_total{${m}}[300s])) by (${peers},request_protocol,response_code,grpc_response_status)`,
      p95: `histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{${m}}[300s])) by (le,${peers},request_protocol))`,
      tcp: `sum(rate(istio_tcp_received_bytes_total{${m}}[300s])) by (${peers})`,
    });
  });
});

describe("traffic peers", () => {
  const base = {
    source_workload_namespace: "bookinfo",
    source_workload: "productpage-v1",
    source_canonical_service: "productpage",
    source_canonical_revision: "v1",
    request_protocol: "http",
    grpc_response_status: "",
  };
  it("adds a peer's outcomes into rate and error %, with its p95, busiest first, and TCP peers in bytes/s", () => {
    const peers = toTrafficPeers("inbound", {
      requests: [
        { labels: { ...base, response_code: "200" }, value: 3 },
        { labels: { ...base, response_code: "503" }, value: 1 },
        {
          labels: { ...base, source_workload: "unknown", source_workload_namespace: "unknown", response_code: "200" },
          value: 0.5,
        },
      ],
      p95: [{ labels: { ...base }, value: 42 }],
      tcp: [{ labels: { ...base, source_workload: "tcp-client" }, value: 2048 }],
    });
    expect(peers).toEqual([
      { namespace: "bookinfo", name: "tcp-client", app: "productpage", version: "v1", protocol: "tcp", rate: 2048 },
      {
        namespace: "bookinfo",
        name: "productpage-v1",
        app: "productpage",
        version: "v1",
        protocol: "http",
        rate: 4,
        errorPct: 25,
        p95Ms: 42,
      },
      {
        namespace: "unknown",
        name: "unknown",
        app: "productpage",
        version: "v1",
        protocol: "http",
        rate: 0.5,
        errorPct: 0,
      },
    ]);
  });
});
