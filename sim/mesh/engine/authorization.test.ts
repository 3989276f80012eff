import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { sumOf } from "../test-support/parse-metrics";
import { formatAccessLogLine } from "../telemetry/access-log";
import type { ProxyRecord } from "../telemetry/proxy-record";

const R = "istio_requests_total";

/** A `sleep` pod in bookinfo that calls reviews (the synthetic load enters at it), as the security tasks use. */
const SLEEP_CALLING_REVIEWS = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: sleep, namespace: bookinfo }
---
apiVersion: v1
kind: Service
metadata: { name: sleep, namespace: bookinfo, labels: { app: sleep } }
spec: { ports: [{ port: 80, name: http }], selector: { app: sleep } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: sleep, namespace: bookinfo, annotations: { sim.topsail.dev/calls: "reviews:9080" } }
spec:
  replicas: 1
  selector: { matchLabels: { app: sleep } }
  template:
    metadata: { labels: { app: sleep } }
    spec:
      serviceAccountName: sleep
      containers: [{ name: sleep, image: curlimages/curl, command: ["/bin/sleep", "infinity"] }]
`;

const REVIEWS_ONLY_FROM_PRODUCTPAGE = `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: reviews-viewer, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: reviews } }
  action: ALLOW
  rules:
    - from: [{ source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"] } }]
`;

const DENY_JASON_RATINGS = `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-get, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: ratings } }
  action: DENY
  rules:
    - to: [{ operation: { methods: ["GET"], paths: ["/ratings/*"] } }]
      when: [{ key: "request.headers[end-user]", values: ["jason"] }]
`;

const DENY_ALL = (namespace: string): string => `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-all, namespace: ${namespace} }
spec: {}
`;

function run(load: Parameters<typeof startHarness>[0], yaml: string, seed: number, ms = 30_000) {
  const records: ProxyRecord[] = [];
  const h = startHarness(load, seed, { record: (r) => records.push(r) });
  h.apply(yaml);
  h.run(ms);
  // Let requests in flight finish so both reporters have counted the same requests.
  h.engine.pause();
  h.run(15_000);
  return { samples: h.samples(), records };
}

describe("an ALLOW policy on reviews admitting only productpage's identity", () => {
  const { samples, records } = run(
    { "bookinfo-ingress": { requestsPerSecond: 10 }, synthetic: { requestsPerSecond: 5 } },
    SLEEP_CALLING_REVIEWS + REVIEWS_ONLY_FROM_PRODUCTPAGE,
    21,
  );
  const fromSleep = { source_workload: "sleep", destination_service_name: "reviews" };

  it("answers every other caller 403 with no flag, reported by both proxies", () => {
    const denied = sumOf(samples, R, { ...fromSleep, reporter: "destination", response_code: "403" });
    expect(denied).toBeGreaterThan(50);
    expect(sumOf(samples, R, { ...fromSleep, reporter: "destination" })).toBe(denied);
    expect(sumOf(samples, R, { ...fromSleep, reporter: "destination", response_flags: "-" })).toBe(denied);
    expect(sumOf(samples, R, { ...fromSleep, reporter: "source", response_code: "403", response_flags: "-" })).toBe(
      denied,
    );
  });

  it("still lets productpage's calls through", () => {
    const filter = { reporter: "destination", source_workload: "productpage-v1", destination_service_name: "reviews" };
    const calls = sumOf(samples, R, filter);
    expect(calls).toBeGreaterThan(200);
    expect(sumOf(samples, R, { ...filter, response_code: "200" })).toBe(calls);
  });

  it("logs the denial at reviews' sidecar as Envoy's RBAC filter does, and the 403 at sleep's", () => {
    const inbound = records.filter(
      (r) => r.direction === "inbound" && r.pod.identity.app === "reviews" && r.code === 403,
    );
    expect(inbound.length).toBeGreaterThan(50);
    for (const r of inbound) {
      expect(r.details).toBe("rbac_access_denied_matched_policy[none]");
      expect(r.bytesSent).toBe("RBAC: access denied".length);
      expect(r.flags).toBe("-");
      expect(r.upstreamHost).toBeUndefined();
    }
    const line = formatAccessLogLine(inbound[0] as ProxyRecord);
    expect(line).toContain('" 403 - rbac_access_denied_matched_policy[none] ');
    expect(line).toContain("inbound|9080||");
    const outbound = records.filter((r) => r.direction === "outbound" && r.pod.identity.workload === "sleep");
    expect(outbound.map((r) => `${r.code} ${r.flags} ${r.details} ${r.bytesSent}`)).toEqual(
      outbound.map(() => "403 - via_upstream 19"),
    );
    // The trace of a denied call ends at reviews' sidecar: reviews never calls ratings for it.
    const first = outbound[0] as ProxyRecord;
    const trace = records.filter((r) => r.trace.traceId === first.trace.traceId);
    expect(trace.map((r) => `${r.pod.identity.workload} ${r.direction}`).sort()).toEqual([
      expect.stringMatching(/^reviews-v\d inbound$/),
      "sleep inbound",
      "sleep outbound",
    ]);
  });
});

describe("a DENY policy on GET /ratings/* for end-user jason", () => {
  const { samples, records } = run(
    { "bookinfo-ingress": { requestsPerSecond: 20, jasonShare: 0.2 } },
    DENY_JASON_RATINGS,
    22,
    60_000,
  );
  const toRatings = { destination_service_name: "ratings" };

  it("denies jason's share of ratings calls, and only those", () => {
    const calls = sumOf(samples, R, { ...toRatings, reporter: "destination" });
    const denied = sumOf(samples, R, { ...toRatings, reporter: "destination", response_code: "403" });
    expect(calls).toBeGreaterThan(300);
    expect(denied / calls).toBeGreaterThan(0.12);
    expect(denied / calls).toBeLessThan(0.28);
    expect(sumOf(samples, R, { ...toRatings, reporter: "destination", response_code: "200" })).toBe(calls - denied);
    expect(sumOf(samples, R, { ...toRatings, reporter: "source", response_code: "403", response_flags: "-" })).toBe(
      denied,
    );
  });

  it("names the matched policy rule in the response code details", () => {
    const inbound = records.filter((r) => r.direction === "inbound" && r.pod.identity.app === "ratings");
    const deniedDetails = new Set(inbound.filter((r) => r.code === 403).map((r) => r.details));
    expect([...deniedDetails]).toEqual(["rbac_access_denied_matched_policy[ns[bookinfo]-policy[deny-get]-rule[0]]"]);
  });
});

describe("spec: {} denies everything in its namespace", () => {
  it("answers fortio's every request to httpbin 403", () => {
    const { samples } = run({ fortio: { requestsPerSecond: 20, connections: 1 } }, DENY_ALL("httpbin"), 23, 10_000);
    const filter = { source_workload: "fortio-deploy", destination_service_name: "httpbin" };
    const all = sumOf(samples, R, { ...filter, reporter: "source" });
    expect(all).toBeGreaterThan(100);
    expect(sumOf(samples, R, { ...filter, reporter: "source", response_code: "403" })).toBe(all);
    expect(sumOf(samples, R, { ...filter, reporter: "destination", response_code: "403" })).toBe(all);
  });

  it("closes every TCP connection to tcp-echo on its first bytes: no echo, both sides count it closed", () => {
    const { samples } = run({ "tcp-client": { requestsPerSecond: 10 } }, DENY_ALL("tcp-echo"), 24, 10_000);
    const dest = { reporter: "destination", destination_service_name: "tcp-echo" };
    const opened = sumOf(samples, "istio_tcp_connections_opened_total", dest);
    expect(opened).toBeGreaterThan(50);
    expect(sumOf(samples, "istio_tcp_connections_closed_total", dest)).toBe(opened);
    expect(
      sumOf(samples, "istio_tcp_connections_closed_total", { ...dest, reporter: "source", source_workload: "curl" }),
    ).toBe(opened);
    expect(sumOf(samples, "istio_tcp_sent_bytes_total", { destination_service_name: "tcp-echo" })).toBe(0);
    expect(sumOf(samples, "istio_tcp_received_bytes_total", dest)).toBeGreaterThan(0);
  });
});

describe("a plaintext caller has no identity", () => {
  it("is turned away by principals ['*'], which admits any mTLS caller", () => {
    const { samples } = run(
      { synthetic: { requestsPerSecond: 5 } },
      SLEEP_CALLING_REVIEWS +
        `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: authenticated-only, namespace: bookinfo }
spec:
  rules: [{ from: [{ source: { principals: ["*"] } }] }]
`,
      25,
      10_000,
    );
    // Arrivals from outside the mesh reach sleep in plaintext; sleep's calls to reviews ride mTLS.
    const toSleep = { reporter: "destination", destination_workload: "sleep" };
    const arrivals = sumOf(samples, R, toSleep);
    expect(arrivals).toBeGreaterThan(10);
    expect(sumOf(samples, R, { ...toSleep, response_code: "403", connection_security_policy: "none" })).toBe(arrivals);
    expect(sumOf(samples, R, { reporter: "destination", source_workload: "sleep" })).toBe(0);
  });
});

describe("a policy on the ingress gateway", () => {
  it("answers denied pages 403 at the gateway, which never forwards them", () => {
    const { samples, records } = run(
      { "bookinfo-ingress": { requestsPerSecond: 10, jasonShare: 0.3 } },
      `
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: no-jason-at-the-edge, namespace: istio-system }
spec:
  selector: { matchLabels: { istio: ingressgateway } }
  action: DENY
  rules: [{ when: [{ key: "request.headers[end-user]", values: ["jason"] }] }]
`,
      26,
      20_000,
    );
    const atGateway = { reporter: "source", source_workload: "istio-ingressgateway" };
    const pages = sumOf(samples, R, atGateway);
    const denied = sumOf(samples, R, { ...atGateway, response_code: "403", response_flags: "-" });
    expect(denied / pages).toBeGreaterThan(0.2);
    expect(denied / pages).toBeLessThan(0.4);
    expect(sumOf(samples, R, { reporter: "destination", destination_workload: "productpage-v1" })).toBe(pages - denied);
    const gatewayDenials = records.filter((r) => r.pod.isGateway && r.code === 403);
    expect(gatewayDenials).toHaveLength(denied);
    expect(new Set(gatewayDenials.map((r) => `${r.details} ${r.bytesSent}`))).toEqual(
      new Set(["rbac_access_denied_matched_policy[ns[istio-system]-policy[no-jason-at-the-edge]-rule[0]] 19"]),
    );
  });
});
