import { describe, expect, it } from "vitest";
import { hostOfAuthority, parseAccessLine } from "./index";

// The two real lines of Istio's default TEXT format (productpage's sidecar calling reviews with
// no VirtualService; reviews-v2's sidecar with a VirtualService abort on ratings).
const productpageToReviews =
  '[2026-08-24T10:15:42.118Z] "GET /reviews/0 HTTP/1.1" 200 - via_upstream - "-" 0 358 24 23 "-" "python-requests/2.32.3" "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11" "reviews:9080" "10.244.1.17:9080" outbound|9080||reviews.bookinfo.svc.cluster.local 10.244.1.12:46874 10.96.148.72:9080 10.244.1.12:50692 - default';
const abortedRatings =
  '[2026-08-24T10:16:03.552Z] "GET /ratings/0 HTTP/1.1" 503 FI fault_filter_abort - "-" 0 18 0 - "-" "Apache-CXF/3.1.18" "7d4e2b91-0c55-9a6f-8e3d-2f1a6c9b4e07" "ratings:9080" "-" outbound|9080|v1|ratings.bookinfo.svc.cluster.local - 10.96.37.118:9080 10.244.1.19:38512 - -';

describe("parseAccessLine, Istio's TEXT format", () => {
  it("reads every field of productpage's outbound request to reviews", () => {
    expect(parseAccessLine(productpageToReviews)).toEqual({
      format: "text",
      startTime: "2026-08-24T10:15:42.118Z",
      method: "GET",
      path: "/reviews/0",
      protocol: "HTTP/1.1",
      code: 200,
      flags: [],
      details: "via_upstream",
      bytesReceived: 0,
      bytesSent: 358,
      durationMs: 24,
      upstreamServiceTimeMs: 23,
      userAgent: "python-requests/2.32.3",
      requestId: "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11",
      authority: "reviews:9080",
      upstreamHost: "10.244.1.17:9080",
      upstreamCluster: {
        name: "outbound|9080||reviews.bookinfo.svc.cluster.local",
        direction: "outbound",
        port: 9080,
        serviceHost: "reviews.bookinfo.svc.cluster.local",
      },
      upstreamLocalAddress: "10.244.1.12:46874",
      downstreamLocalAddress: "10.96.148.72:9080",
      downstreamRemoteAddress: "10.244.1.12:50692",
      routeName: "default",
      direction: "outbound",
    });
  });

  it("reads a fault abort: 503 with flag FI, no upstream host or service time, the subset in the cluster", () => {
    const entry = parseAccessLine(abortedRatings);
    expect(entry).toMatchObject({
      code: 503,
      flags: ["FI"],
      details: "fault_filter_abort",
      bytesSent: 18,
      durationMs: 0,
      userAgent: "Apache-CXF/3.1.18",
      upstreamCluster: { subset: "v1", serviceHost: "ratings.bookinfo.svc.cluster.local", port: 9080 },
    });
    expect(entry?.upstreamHost).toBeUndefined();
    expect(entry?.upstreamServiceTimeMs).toBeUndefined();
    expect(entry?.routeName).toBeUndefined();
  });

  it("reads an inbound line with mTLS: direction inbound, SNI and the 127.0.0.6 upstream local address", () => {
    const line =
      '[2026-08-24T10:15:42.121Z] "GET /reviews/0 HTTP/1.1" 200 - via_upstream - "-" 0 358 21 20 "-" "python-requests/2.32.3" "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11" "reviews:9080" "10.244.1.17:9080" inbound|9080|| 127.0.0.6:41235 10.244.1.17:9080 10.244.1.12:46874 outbound_.9080_._.reviews.bookinfo.svc.cluster.local default';
    expect(parseAccessLine(line)).toMatchObject({
      direction: "inbound",
      upstreamCluster: { name: "inbound|9080||", direction: "inbound", port: 9080 },
      upstreamLocalAddress: "127.0.0.6:41235",
      serverName: "outbound_.9080_._.reviews.bookinfo.svc.cluster.local",
    });
  });

  it('reads a TCP line ("- - -", code 0) with no method, path or protocol', () => {
    const line =
      '[2026-08-24T10:20:00.000Z] "- - -" 0 - - - "-" 1024 2048 5012 - "-" "-" "-" "-" "10.244.2.8:27017" outbound|27017||mongodb.bookinfo.svc.cluster.local 10.244.1.30:51234 10.96.12.4:27017 10.244.1.30:51230 - -';
    const entry = parseAccessLine(line);
    expect(entry).toMatchObject({
      code: 0,
      bytesReceived: 1024,
      bytesSent: 2048,
      durationMs: 5012,
      direction: "outbound",
    });
    expect(entry?.method).toBeUndefined();
    expect(entry?.path).toBeUndefined();
    expect(entry?.protocol).toBeUndefined();
  });

  it("splits several flags, keeps a user agent with spaces and quotes, and strips the ';' of a non-raw cluster name", () => {
    const line =
      '[2026-08-24T10:21:00.000Z] "POST /api/v1/items?q=a HTTP/2" 504 UT,URX upstream_response_timeout - "-" 120 24 3001 - "10.0.0.1, 10.0.0.2" "Mozilla/5.0 (X11; "Linux") x" "abc" "shop.example.com" "-" PassthroughCluster; 10.244.1.3:1 10.0.0.9:443 10.244.1.3:2 shop.example.com allow_any';
    expect(parseAccessLine(line)).toMatchObject({
      method: "POST",
      path: "/api/v1/items?q=a",
      protocol: "HTTP/2",
      code: 504,
      flags: ["UT", "URX"],
      forwardedFor: "10.0.0.1, 10.0.0.2",
      userAgent: 'Mozilla/5.0 (X11; "Linux") x',
      upstreamCluster: { name: "PassthroughCluster", direction: "outbound" },
      routeName: "allow_any",
    });
  });

  it("answers undefined for application logs and Envoy's own log lines", () => {
    expect(parseAccessLine("INFO:werkzeug:127.0.0.1 - - GET /productpage 200")).toBeUndefined();
    expect(parseAccessLine("2026-08-24T10:15:00.000000Z\tinfo\tEnvoy proxy is ready")).toBeUndefined();
    expect(parseAccessLine("[2026-08-24 10:15:42.118][12][info][main] starting main dispatch loop")).toBeUndefined();
    expect(parseAccessLine("")).toBeUndefined();
    // Cut short: the last fields are missing.
    expect(parseAccessLine(productpageToReviews.slice(0, 120))).toBeUndefined();
  });
});

describe("parseAccessLine, Istio's JSON format", () => {
  it("reads the same fields from snake_case keys, with null for unset values", () => {
    const line = JSON.stringify({
      start_time: "2026-08-24T10:16:03.552Z",
      method: "GET",
      path: "/ratings/0",
      protocol: "HTTP/1.1",
      response_code: 503,
      response_flags: "FI",
      response_code_details: "fault_filter_abort",
      connection_termination_details: null,
      upstream_transport_failure_reason: null,
      bytes_received: 0,
      bytes_sent: 18,
      duration: 0,
      upstream_service_time: null,
      x_forwarded_for: null,
      user_agent: "Apache-CXF/3.1.18",
      request_id: "7d4e2b91-0c55-9a6f-8e3d-2f1a6c9b4e07",
      authority: "ratings:9080",
      upstream_host: null,
      upstream_cluster: "outbound|9080|v1|ratings.bookinfo.svc.cluster.local",
      upstream_local_address: null,
      downstream_local_address: "10.96.37.118:9080",
      downstream_remote_address: "10.244.1.19:38512",
      requested_server_name: null,
      route_name: null,
    });
    const fromJson = parseAccessLine(line);
    const fromText = parseAccessLine(abortedRatings);
    expect(fromJson).toEqual({ ...fromText, format: "json" });
  });

  it("answers undefined for an application's structured log", () => {
    expect(parseAccessLine('{"level":"info","msg":"listening","start_time":"2026-08-24T10:00:00Z"}')).toBeUndefined();
    expect(parseAccessLine("{not json")).toBeUndefined();
  });
});

describe("hostOfAuthority", () => {
  it("drops the port, keeps a host without one, and unwraps IPv6", () => {
    expect(hostOfAuthority("reviews:9080")).toBe("reviews");
    expect(hostOfAuthority("reviews.bookinfo.svc.cluster.local")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(hostOfAuthority("[::1]:8080")).toBe("::1");
  });
});
