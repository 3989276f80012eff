import { describe, expect, it } from "vitest";
import type { ResponseTimeStat, TrafficRates } from "@/lib/contracts/graph";
import { buildNamespaceQueries, defaultQueryOptions, type QueryOptions } from "./graph-queries";

const queriesOf = (options: Partial<Omit<QueryOptions, "rates">> & { rates?: Partial<TrafficRates> } = {}) =>
  buildNamespaceQueries("bookinfo", 300, {
    ...defaultQueryOptions,
    ...options,
    rates: { ...defaultQueryOptions.rates, ...options.rates },
  });
const find = (kind: string, selection: string, responseTime: ResponseTimeStat = "95") =>
  queriesOf({ responseTime }).find((q) => q.kind === kind && q.selection === selection)?.promql ?? "";
const metricsOf = (queries: { promql: string; selection: string }[]) => [
  ...new Set(
    queries.filter((q) => q.selection === "inbound").map((q) => /(?:\(|^)(istio_[a-z_]+)\{/.exec(q.promql)?.[1]),
  ),
];

describe("the graph's PromQL", () => {
  it("reads traffic into the namespace from the destination proxies, with the mTLS label", () => {
    const q = find("requests", "inbound");
    expect(q).toMatch(
      /^sum\(rate\(istio_requests_total\{reporter="destination",destination_workload_namespace="bookinfo"\}\[300s\]\)\) by \(/,
    );
    expect(q).toContain("response_flags,connection_security_policy)");
  });

  it("reads traffic out of the namespace from the source proxies", () => {
    expect(find("requests", "outbound")).toMatch(/\{reporter="source",source_workload_namespace="bookinfo"\}/);
  });

  it("reads requests for the namespace's services that reached no workload", () => {
    expect(find("requests", "unreached")).toContain(
      '{reporter="source",source_workload_namespace!="bookinfo",destination_workload="unknown",destination_service=~"^.+\\\\.bookinfo\\\\..+$"}',
    );
  });

  it("reads TCP bytes sent (Kiali's default), response times by quantile or average, and response bytes", () => {
    expect(find("tcp", "inbound")).toContain("istio_tcp_sent_bytes_total{");
    expect(find("responseTime", "inbound")).toMatch(
      /^histogram_quantile\(0\.95, sum\(rate\(istio_request_duration_milliseconds_bucket\{.*\}\[300s\]\)\) by \(le,source_cluster,/,
    );
    expect(find("responseTime", "outbound", "avg")).toMatch(
      /^\(sum\(rate\(istio_request_duration_milliseconds_sum\{.*\) \/ \(sum\(rate\(istio_request_duration_milliseconds_count\{/,
    );
    expect(find("throughput", "inbound")).toMatch(/^sum\(rate\(istio_response_bytes_sum\{reporter="destination",/);
    expect(queriesOf({ throughputType: "request" }).find((q) => q.kind === "throughput")?.promql ?? "").toContain(
      "istio_request_bytes_sum{",
    );
  });

  it("runs ten queries per namespace by default", () => {
    expect(queriesOf()).toHaveLength(10);
  });

  it("reads each rate option from Kiali's metric for it", () => {
    expect(metricsOf(queriesOf({ rates: { grpc: "sent", tcp: "received" } }))).toEqual([
      "istio_requests_total",
      "istio_request_duration_milliseconds_bucket",
      "istio_response_bytes_sum",
      "istio_request_messages_total",
      "istio_tcp_received_bytes_total",
    ]);
    expect(metricsOf(queriesOf({ rates: { http: "none", grpc: "received", tcp: "none" } }))).toEqual([
      "istio_response_messages_total",
    ]);
    expect(metricsOf(queriesOf({ rates: { grpc: "total", tcp: "total" } }))).toEqual([
      "istio_requests_total",
      "istio_request_duration_milliseconds_bucket",
      "istio_response_bytes_sum",
      "istio_request_messages_total",
      "istio_response_messages_total",
      "istio_tcp_sent_bytes_total",
      "istio_tcp_received_bytes_total",
    ]);
  });

  it("counts only the protocols whose rate is requests in istio_requests_total", () => {
    const requests = (rates: Partial<TrafficRates>) =>
      queriesOf({ rates }).find((q) => q.kind === "requests" && q.selection === "inbound")?.promql ?? "";
    expect(requests({ http: "none" })).toContain('request_protocol="grpc"');
    expect(requests({ grpc: "sent" })).toContain('request_protocol!="grpc"');
    expect(requests({})).not.toContain("request_protocol=");
  });

  it("makes a total one figure: both directions' queries share a group", () => {
    const tcp = queriesOf({ rates: { tcp: "total" } }).filter((q) => q.kind === "tcp" && q.selection === "inbound");
    expect(tcp).toHaveLength(2);
    expect(new Set(tcp.map((q) => q.group)).size).toBe(1);
  });
});
