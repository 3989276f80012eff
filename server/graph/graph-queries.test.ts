import { describe, expect, it } from "vitest";
import { buildNamespaceQueries } from "./graph-queries";

const find = (ns: string, kind: string, selection: string, rt: "avg" | "95" = "95") =>
  buildNamespaceQueries(ns, 300, rt).find((q) => q.kind === kind && q.selection === selection)?.promql ?? "";

describe("the graph's PromQL", () => {
  it("reads traffic into the namespace from the destination proxies, with the mTLS label", () => {
    const q = find("bookinfo", "requests", "inbound");
    expect(q).toMatch(
      /^sum\(rate\(istio_requests_total\{reporter="destination",destination_workload_namespace="bookinfo"\}\[300s\]\)\) by \(/,
    );
    expect(q).toContain("response_flags,connection_security_policy)");
  });

  it("reads traffic out of the namespace from the source proxies", () => {
    expect(find("bookinfo", "requests", "outbound")).toMatch(
      /\{reporter="source",source_workload_namespace="bookinfo"\}/,
    );
  });

  it("reads requests for the namespace's services that reached no workload", () => {
    expect(find("bookinfo", "requests", "unreached")).toContain(
      '{reporter="source",source_workload_namespace!="bookinfo",destination_workload="unknown",destination_service=~"^.+\\\\.bookinfo\\\\..+$"}',
    );
  });

  it("reads TCP bytes received and response times by quantile or average", () => {
    expect(find("bookinfo", "tcp", "inbound")).toContain("istio_tcp_received_bytes_total{");
    expect(find("bookinfo", "responseTime", "inbound")).toMatch(
      /^histogram_quantile\(0\.95, sum\(rate\(istio_request_duration_milliseconds_bucket\{.*\}\[300s\]\)\) by \(le,source_cluster,/,
    );
    expect(find("bookinfo", "responseTime", "outbound", "avg")).toMatch(
      /^\(sum\(rate\(istio_request_duration_milliseconds_sum\{.*\) \/ \(sum\(rate\(istio_request_duration_milliseconds_count\{/,
    );
  });

  it("runs eight queries per namespace", () => {
    expect(buildNamespaceQueries("bookinfo", 60, "95")).toHaveLength(8);
  });
});
