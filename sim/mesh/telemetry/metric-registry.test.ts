import { describe, expect, it } from "vitest";
import type { WorkloadIdentity } from "@/lib/istio/routing/snapshot";
import { parseMetrics, sumOf } from "../test-support/parse-metrics";
import { MetricRegistry } from "./metric-registry";
import { formatFlags } from "./response-flags";

const identity = (workload: string, namespace = "bookinfo"): WorkloadIdentity => ({
  key: `${namespace}/${workload}`,
  workload,
  namespace,
  app: workload.split("-")[0] ?? workload,
  version: "v1",
  canonicalService: workload.split("-")[0] ?? workload,
  canonicalRevision: "v1",
  principal: `spiffe://cluster.local/ns/${namespace}/sa/default`,
});

const service = { host: "ratings.bookinfo.svc.cluster.local", name: "ratings", namespace: "bookinfo" };

describe("MetricRegistry exposition", () => {
  const registry = new MetricRegistry();
  const base = {
    source: identity("reviews-v2"),
    destination: identity("ratings-v1"),
    service,
    protocol: "http" as const,
    requestBytes: 700,
    responseBytes: 48,
  };
  registry.recordRequest({
    ...base,
    reporter: "destination",
    mutualTls: true,
    code: 200,
    flags: "-",
    security: "mutual_tls",
    durationMs: 3,
  });
  registry.recordRequest({
    ...base,
    reporter: "destination",
    mutualTls: true,
    code: 200,
    flags: "-",
    security: "mutual_tls",
    durationMs: 700,
  });
  registry.recordRequest({
    ...base,
    reporter: "source",
    destination: undefined,
    mutualTls: false,
    code: 503,
    flags: "UO",
    security: "unknown",
    durationMs: 0.2,
  });
  registry.recordTcp({
    reporter: "destination",
    source: undefined,
    destination: identity("tcp-echo-v1", "tcp-echo"),
    mutualTls: false,
    service,
    flags: "-",
    security: "none",
    opened: 1,
    closed: 1,
    sentBytes: 14,
    receivedBytes: 10,
  });
  const text = registry.render();
  const samples = parseMetrics(text);

  it("writes HELP and TYPE lines for each family", () => {
    for (const [name, type] of [
      ["istio_requests_total", "counter"],
      ["istio_request_duration_milliseconds", "histogram"],
      ["istio_request_bytes", "histogram"],
      ["istio_response_bytes", "histogram"],
      ["istio_tcp_sent_bytes_total", "counter"],
      ["istio_tcp_received_bytes_total", "counter"],
      ["istio_tcp_connections_opened_total", "counter"],
      ["istio_tcp_connections_closed_total", "counter"],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
      expect(text).toContain(`# HELP ${name} `);
    }
  });

  it("counts requests per label set", () => {
    expect(sumOf(samples, "istio_requests_total", { reporter: "destination", response_code: "200" })).toBe(2);
    expect(
      sumOf(samples, "istio_requests_total", {
        reporter: "source",
        response_code: "503",
        response_flags: "UO",
        destination_workload: "unknown",
        destination_principal: "unknown",
      }),
    ).toBe(1);
  });

  it("writes cumulative Envoy buckets ending in +Inf = count", () => {
    const f = { reporter: "destination" };
    expect(sumOf(samples, "istio_request_duration_milliseconds_bucket", { ...f, le: "5" })).toBe(1);
    expect(sumOf(samples, "istio_request_duration_milliseconds_bucket", { ...f, le: "1000" })).toBe(2);
    expect(sumOf(samples, "istio_request_duration_milliseconds_bucket", { ...f, le: "+Inf" })).toBe(2);
    expect(sumOf(samples, "istio_request_duration_milliseconds_count", f)).toBe(2);
    expect(sumOf(samples, "istio_request_duration_milliseconds_sum", f)).toBe(703);
  });

  it("leaves response_code out of TCP series and names unknown peers unknown", () => {
    const tcp = samples.find((s) => s.name === "istio_tcp_sent_bytes_total");
    expect(tcp?.labels.response_code).toBeUndefined();
    expect(tcp?.labels).toMatchObject({
      source_workload: "unknown",
      source_canonical_revision: "latest",
      request_protocol: "tcp",
      connection_security_policy: "none",
    });
    expect(tcp?.value).toBe(14);
  });

  it("keeps counters monotonic across renders", () => {
    registry.recordRequest({
      ...base,
      reporter: "destination",
      mutualTls: true,
      code: 200,
      flags: "-",
      security: "mutual_tls",
      durationMs: 3,
    });
    expect(sumOf(parseMetrics(registry.render()), "istio_requests_total", { reporter: "destination" })).toBe(3);
  });
});

describe("formatFlags", () => {
  it("prints - for none and joins several in Envoy's order", () => {
    expect(formatFlags([])).toBe("-");
    expect(formatFlags(["URX", "UO"])).toBe("UO,URX");
    expect(formatFlags(["DC", "DI"])).toBe("DI,DC");
  });
});
