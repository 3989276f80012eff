import { describe, expect, it } from "vitest";
import { bookinfoRequestRecords } from "../test-support/bookinfo-trace-records";
import type { ProxyRecord } from "../telemetry/proxy-record";
import type { StoredSpan } from "./jaeger-model";
import { spansFromRecord } from "./spans-from-record";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const records = bookinfoRequestRecords({
  traceId: TRACE,
  requestId: "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11",
  startedAtMs: 1_787_000_000_000,
  reviews: "v2",
});

function recordOf(app: string, direction: "inbound" | "outbound", service?: string): ProxyRecord {
  const found = records.find(
    (r) =>
      r.pod.identity.app === app &&
      r.direction === direction &&
      (service === undefined || r.authority.startsWith(`${service}:`)),
  );
  if (!found) throw new Error(`no ${direction} record of ${app}`);
  return found;
}

const tags = (span: StoredSpan | undefined): Record<string, string> =>
  Object.fromEntries((span?.tags ?? []).map((t) => [t.key, t.value]));

describe("spansFromRecord", () => {
  it("makes productpage's call to reviews a client span of productpage.bookinfo, child of its inbound span", () => {
    const record = recordOf("productpage", "outbound", "reviews");
    const [span, ...rest] = spansFromRecord(record);
    expect(rest).toEqual([]);
    expect(span).toMatchObject({
      traceID: TRACE,
      spanID: record.trace.spanId,
      operationName: "reviews.bookinfo.svc.cluster.local:9080/*",
      references: [{ refType: "CHILD_OF", traceID: TRACE, spanID: recordOf("productpage", "inbound").trace.spanId }],
      startTime: record.startedAtMs * 1000,
      duration: record.durationMs * 1000,
      process: { serviceName: "productpage.bookinfo", tags: [{ key: "ip", type: "string", value: "10.244.1.12" }] },
    });
    expect(tags(span)).toEqual({
      node_id: "sidecar~10.244.1.12~productpage-v1-5f7b9c6d4-x2k8p.bookinfo~bookinfo.svc.cluster.local",
      zone: "",
      "guid:x-request-id": "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11",
      "http.url": "http://reviews:9080/reviews/0",
      "http.method": "GET",
      downstream_cluster: "-",
      user_agent: "python-requests/2.32.3",
      "http.protocol": "HTTP/1.1",
      "peer.address": "10.244.1.12",
      request_size: "0",
      response_size: "358",
      component: "proxy",
      upstream_cluster: "outbound|9080||reviews.bookinfo.svc.cluster.local",
      "upstream_cluster.name": "outbound|9080||reviews.bookinfo.svc.cluster.local",
      "http.status_code": "200",
      response_flags: "-",
      "istio.namespace": "bookinfo",
      "istio.canonical_service": "productpage",
      "istio.mesh_id": "cluster.local",
      "istio.canonical_revision": "v1",
      "istio.cluster_id": "Kubernetes",
      "span.kind": "client",
    });
    expect(span?.tags.every((t) => t.type === "string")).toBe(true);
  });

  it("makes reviews' inbound side a server span of reviews.bookinfo, child of productpage's client span", () => {
    const [span] = spansFromRecord(recordOf("reviews", "inbound"));
    expect(span?.process.serviceName).toBe("reviews.bookinfo");
    expect(span?.references[0]?.spanID).toBe(recordOf("productpage", "outbound", "reviews").trace.spanId);
    expect(tags(span)).toMatchObject({
      node_id: "sidecar~10.244.1.17~reviews-v2-5f7b9c6d4-x2k8p.bookinfo~bookinfo.svc.cluster.local",
      "peer.address": "10.244.1.12",
      upstream_cluster: "inbound|9080||",
      "istio.canonical_revision": "v2",
      "span.kind": "server",
    });
  });

  it("makes the gateway's record its own span and the router egress span productpage's server span hangs from", () => {
    const gateway = recordOf("istio-ingressgateway", "outbound");
    const spans = spansFromRecord(gateway);
    expect(spans.map((s) => s.operationName)).toEqual([
      "productpage.bookinfo.svc.cluster.local:9080/productpage",
      "router outbound|9080||productpage.bookinfo.svc.cluster.local egress",
    ]);
    const [own, router] = spans;
    expect(own?.references).toEqual([]);
    expect(router?.references).toEqual([{ refType: "CHILD_OF", traceID: TRACE, spanID: own?.spanID }]);
    expect(recordOf("productpage", "inbound").trace.parentSpanId).toBe(router?.spanID);
    expect(own?.process.serviceName).toBe("istio-ingressgateway.istio-system");
    expect(tags(own)).toMatchObject({
      node_id: "router~10.244.0.5~istio-ingressgateway-5f7b9c6d4-x2k8p.istio-system~istio-system.svc.cluster.local",
      "peer.address": "203.0.113.7",
      "span.kind": "server",
    });
    expect(tags(router)).toMatchObject({
      upstream_address: "10.244.1.12:9080",
      "http.status_code": "200",
      "span.kind": "client",
    });
    expect(router!.duration).toBeLessThanOrEqual(own!.duration);
  });

  it("makes a gateway record without a router span id a single span", () => {
    const gateway = recordOf("istio-ingressgateway", "outbound");
    const { traceId, spanId, sampled } = gateway.trace;
    expect(spansFromRecord({ ...gateway, trace: { traceId, spanId, sampled } })).toHaveLength(1);
  });

  it("marks 5xx answers and requests without an answer as errors, and nothing else", () => {
    const record = recordOf("productpage", "outbound", "details");
    const errorOf = (code: number, flags = "-") => tags(spansFromRecord({ ...record, code, flags })[0]).error;
    expect(errorOf(200)).toBeUndefined();
    expect(errorOf(404, "NR")).toBeUndefined();
    expect(errorOf(503, "FI")).toBe("true");
    expect(errorOf(0, "DC")).toBe("true");
    expect(tags(spansFromRecord({ ...record, code: 503, flags: "FI" })[0])).toMatchObject({
      "http.status_code": "503",
      response_flags: "FI",
    });
  });

  it("writes `-` where the proxy does not know its own address", () => {
    const record = recordOf("reviews", "inbound");
    const { downstreamLocalAddress: _, ...unknown } = record;
    const [span] = spansFromRecord(unknown);
    expect(tags(span).node_id).toBe("sidecar~-~reviews-v2-5f7b9c6d4-x2k8p.bookinfo~bookinfo.svc.cluster.local");
    expect(span?.process.tags).toEqual([]);
  });
});
