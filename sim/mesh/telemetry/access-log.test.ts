import { describe, expect, it } from "vitest";
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { formatAccessLogLine, formatTcpAccessLogLine } from "./access-log";
import type { ProxyRecord } from "./proxy-record";

// Two lines written by real Istio sidecars (Bookinfo): productpage calling reviews without a
// VirtualService, and reviews-v2 calling ratings under a VirtualService that aborts with 503.
const PRODUCTPAGE_TO_REVIEWS =
  '[2026-08-24T10:15:42.118Z] "GET /reviews/0 HTTP/1.1" 200 - via_upstream - "-" 0 358 24 23 "-" ' +
  '"python-requests/2.32.3" "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11" "reviews:9080" "10.244.1.17:9080" ' +
  "outbound|9080||reviews.bookinfo.svc.cluster.local 10.244.1.12:46874 10.96.148.72:9080 10.244.1.12:50692 - default";
const REVIEWS_TO_RATINGS_ABORTED =
  '[2026-08-24T10:16:03.552Z] "GET /ratings/0 HTTP/1.1" 503 FI fault_filter_abort - "-" 0 18 0 - "-" ' +
  '"Apache-CXF/3.1.18" "7d4e2b91-0c55-9a6f-8e3d-2f1a6c9b4e07" "ratings:9080" "-" ' +
  "outbound|9080|v1|ratings.bookinfo.svc.cluster.local - 10.96.37.118:9080 10.244.1.19:38512 - -";

const pod = { name: "productpage-v1-5d8f9c7b6-a0x2z", namespace: "bookinfo" } as PodInfo;
const trace = { traceId: "0".repeat(32), spanId: "1".repeat(16), sampled: true };

describe("formatAccessLogLine", () => {
  it("renders a proxied request exactly as Istio's default text format", () => {
    const record: ProxyRecord = {
      pod,
      direction: "outbound",
      startedAtMs: Date.parse("2026-08-24T10:15:42.118Z"),
      durationMs: 24,
      upstreamServiceTimeMs: 23,
      method: "GET",
      path: "/reviews/0",
      protocol: "HTTP/1.1",
      authority: "reviews:9080",
      userAgent: "python-requests/2.32.3",
      code: 200,
      flags: "-",
      details: "via_upstream",
      bytesReceived: 0,
      bytesSent: 358,
      requestId: "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11",
      upstreamHost: "10.244.1.17:9080",
      upstreamCluster: "outbound|9080||reviews.bookinfo.svc.cluster.local",
      upstreamLocalAddress: "10.244.1.12:46874",
      downstreamLocalAddress: "10.96.148.72:9080",
      downstreamRemoteAddress: "10.244.1.12:50692",
      routeName: "default",
      operationName: "reviews.bookinfo.svc.cluster.local:9080/*",
      trace,
    };
    expect(formatAccessLogLine(record)).toBe(PRODUCTPAGE_TO_REVIEWS);
  });

  it("prints `-` for everything a fault abort never had: upstream host, service time, local address, route", () => {
    const record: ProxyRecord = {
      pod: { ...pod, name: "reviews-v2-5d8f9c7b6-a0x2z" },
      direction: "outbound",
      startedAtMs: Date.parse("2026-08-24T10:16:03.552Z"),
      durationMs: 0,
      method: "GET",
      path: "/ratings/0",
      protocol: "HTTP/1.1",
      authority: "ratings:9080",
      userAgent: "Apache-CXF/3.1.18",
      code: 503,
      flags: "FI",
      details: "fault_filter_abort",
      bytesReceived: 0,
      bytesSent: 18,
      requestId: "7d4e2b91-0c55-9a6f-8e3d-2f1a6c9b4e07",
      upstreamCluster: "outbound|9080|v1|ratings.bookinfo.svc.cluster.local",
      downstreamLocalAddress: "10.96.37.118:9080",
      downstreamRemoteAddress: "10.244.1.19:38512",
      operationName: "ratings.bookinfo.svc.cluster.local:9080/*",
      virtualService: "bookinfo/ratings",
      trace,
    };
    expect(formatAccessLogLine(record)).toBe(REVIEWS_TO_RATINGS_ABORTED);
  });
});

describe("formatTcpAccessLogLine", () => {
  it("renders a TLS connection the sidecar passed through as Envoy's TCP proxy logs it: no request, the SNI", () => {
    const line = formatTcpAccessLogLine({
      pod,
      direction: "outbound",
      startedAtMs: Date.parse("2026-08-24T10:17:05.004Z"),
      durationMs: 112,
      flags: "-",
      bytesReceived: 839,
      bytesSent: 5618,
      upstreamHost: "203.0.113.7:443",
      upstreamCluster: "PassthroughCluster",
      upstreamLocalAddress: "10.244.1.12:41234",
      downstreamLocalAddress: "203.0.113.7:443",
      downstreamRemoteAddress: "10.244.1.12:41232",
      requestedServerName: "www.google.com",
    });
    expect(line).toBe(
      '[2026-08-24T10:17:05.004Z] "- - -" 0 - - - "-" 839 5618 112 - "-" "-" "-" "-" "203.0.113.7:443" ' +
        "PassthroughCluster 10.244.1.12:41234 203.0.113.7:443 10.244.1.12:41232 www.google.com -",
    );
  });

  it("prints the flag and dashes for a connection BlackHoleCluster closed without an upstream", () => {
    const line = formatTcpAccessLogLine({
      pod,
      direction: "outbound",
      startedAtMs: Date.parse("2026-08-24T10:17:05.004Z"),
      durationMs: 0,
      flags: "UH",
      bytesReceived: 0,
      bytesSent: 0,
      upstreamCluster: "BlackHoleCluster",
      requestedServerName: "www.google.com",
    });
    expect(line).toBe(
      '[2026-08-24T10:17:05.004Z] "- - -" 0 UH - - "-" 0 0 0 - "-" "-" "-" "-" "-" BlackHoleCluster - - - www.google.com -',
    );
  });
});
