/**
 * Hand-written Jaeger query API answers for Bookinfo, shaped as Istio's Jaeger addon serves
 * them (the shared reference's part 2 §3): one process per proxy named `<app>.<namespace>`,
 * Envoy's span tags (node_id, guid:x-request-id, http.status_code, response_flags,
 * upstream_cluster, istio.*), times in microseconds. Three traces:
 *
 * - `normalV2`: gateway → egress → productpage → details, reviews v2 → ratings (9 spans);
 * - `ratingsAbort`: ratings aborted with 500 FI at reviews-v2's sidecar, no ratings span (8);
 * - `ratingsDelay`: a 7 s delay on ratings; productpage gives up on reviews after 3 s, twice
 *   (both reviews hops `0 DC`), and still answers 200 (Bookinfo's known timeout bug) (13).
 */
import type { JaegerTrace } from "../jaeger-response";

interface Proxy {
  service: string;
  pod: string;
  namespace: string;
  ip: string;
  type: "sidecar" | "router";
  app: string;
  version: string;
}

export const proxies = {
  gateway: {
    service: "istio-ingressgateway.istio-system",
    pod: "istio-ingressgateway-7f8d9c5b4-x2k9p",
    namespace: "istio-system",
    ip: "10.244.0.9",
    type: "router",
    app: "istio-ingressgateway",
    version: "latest",
  },
  productpage: {
    service: "productpage.bookinfo",
    pod: "productpage-v1-6b746f74dc-9stvs",
    namespace: "bookinfo",
    ip: "10.244.1.12",
    type: "sidecar",
    app: "productpage",
    version: "v1",
  },
  details: {
    service: "details.bookinfo",
    pod: "details-v1-79f774bdb9-qkx7m",
    namespace: "bookinfo",
    ip: "10.244.1.13",
    type: "sidecar",
    app: "details",
    version: "v1",
  },
  reviewsV2: {
    service: "reviews.bookinfo",
    pod: "reviews-v2-5b667bcbf8-lk4vz",
    namespace: "bookinfo",
    ip: "10.244.1.17",
    type: "sidecar",
    app: "reviews",
    version: "v2",
  },
  ratings: {
    service: "ratings.bookinfo",
    pod: "ratings-v1-b6994bb9-w8zqd",
    namespace: "bookinfo",
    ip: "10.244.1.19",
    type: "sidecar",
    app: "ratings",
    version: "v1",
  },
} satisfies Record<string, Proxy>;

interface SpanSpec {
  id: string;
  parent?: string;
  proxy: Proxy;
  operation: string;
  kind: "client" | "server";
  /** Offset from the trace's start, ms. */
  at: number;
  ms: number;
  /** 0: no response (the caller hung up). */
  code: number;
  flags?: string;
  upstreamCluster: string;
  url: string;
}

const T0_US = 1_790_000_000_000_000;

function buildTrace(traceId: string, requestId: string, specs: SpanSpec[]): JaegerTrace {
  const processIds = new Map<string, string>();
  for (const s of specs) if (!processIds.has(s.proxy.service)) processIds.set(s.proxy.service, `p${processIds.size + 1}`);
  const str = (key: string, value: string) => ({ key, type: "string", value });
  return {
    traceID: traceId,
    processes: Object.fromEntries(
      [...processIds].map(([service, id]) => [id, { serviceName: service, tags: [str("hostname", service)] }]),
    ),
    spans: specs.map((s) => ({
      traceID: traceId,
      spanID: s.id,
      operationName: s.operation,
      references: s.parent ? [{ refType: "CHILD_OF", traceID: traceId, spanID: s.parent }] : [],
      startTime: T0_US + Math.round(s.at * 1000),
      duration: Math.round(s.ms * 1000),
      processID: processIds.get(s.proxy.service) as string,
      tags: [
        str("node_id", `${s.proxy.type}~${s.proxy.ip}~${s.proxy.pod}.${s.proxy.namespace}~${s.proxy.namespace}.svc.cluster.local`),
        str("zone", "zone-a"),
        str("guid:x-request-id", requestId),
        str("http.url", s.url),
        str("http.method", "GET"),
        str("http.protocol", "HTTP/1.1"),
        str("component", "proxy"),
        str("upstream_cluster", s.upstreamCluster),
        ...(s.code > 0 ? [str("http.status_code", String(s.code))] : []),
        str("response_flags", s.flags ?? "-"),
        str("istio.canonical_service", s.proxy.app),
        str("istio.canonical_revision", s.proxy.version),
        str("istio.namespace", s.proxy.namespace),
        str("istio.mesh_id", "cluster.local"),
        str("span.kind", s.kind),
        ...(s.code === 0 || s.code >= 500 ? [{ key: "error", type: "bool", value: true }] : []),
      ],
    })),
  };
}

const op = (host: string, path = "/*") => `${host}.bookinfo.svc.cluster.local:9080${path}`;
const cluster = (direction: "outbound" | "inbound", host?: string, subset = "") =>
  direction === "inbound" ? "inbound|9080||" : `outbound|9080|${subset}|${host}.bookinfo.svc.cluster.local`;
const url = (host: string, path: string) => `http://${host}:9080${path}`;
const { gateway, productpage, details, reviewsV2, ratings } = proxies;

/** The entry of every Bookinfo trace: the gateway, its egress span, productpage's server span and details. */
function entry(totalMs: number, productpageMs: number): SpanSpec[] {
  return [
    {
      id: "a000000000000001",
      proxy: gateway,
      operation: op("productpage", "/productpage"),
      kind: "server",
      at: 0,
      ms: totalMs,
      code: 200,
      upstreamCluster: cluster("outbound", "productpage"),
      url: "http://bookinfo.example/productpage",
    },
    {
      id: "a000000000000002",
      parent: "a000000000000001",
      proxy: gateway,
      operation: "router outbound|9080||productpage.bookinfo.svc.cluster.local egress",
      kind: "client",
      at: 0.3,
      ms: totalMs - 0.5,
      code: 200,
      upstreamCluster: cluster("outbound", "productpage"),
      url: "http://bookinfo.example/productpage",
    },
    {
      id: "a000000000000003",
      parent: "a000000000000002",
      proxy: productpage,
      operation: op("productpage", "/productpage"),
      kind: "server",
      at: 0.8,
      ms: productpageMs,
      code: 200,
      upstreamCluster: cluster("inbound"),
      url: url("productpage", "/productpage"),
    },
    {
      id: "a000000000000004",
      parent: "a000000000000003",
      proxy: productpage,
      operation: op("details"),
      kind: "client",
      at: 2,
      ms: 4,
      code: 200,
      upstreamCluster: cluster("outbound", "details"),
      url: url("details", "/details/0"),
    },
    {
      id: "a000000000000005",
      parent: "a000000000000004",
      proxy: details,
      operation: op("details"),
      kind: "server",
      at: 2.5,
      ms: 3,
      code: 200,
      upstreamCluster: cluster("inbound"),
      url: url("details", "/details/0"),
    },
  ];
}

/** A 16-hex span id: prefix digit, zeros, index. */
const sid = (p: string, n: number) => `${p}${"0".repeat(14)}${n}`;

/** One productpage → reviews-v2 → ratings round, its span ids prefixed by `p` (one hex digit). */
function reviewsRound(
  p: string,
  at: number,
  reviews: { ms: number; code: number; flags?: string },
  toRatings: { ms: number; code: number; flags?: string; reached: boolean },
): SpanSpec[] {
  const spans: SpanSpec[] = [
    {
      id: sid(p, 6),
      parent: "a000000000000003",
      proxy: productpage,
      operation: op("reviews"),
      kind: "client",
      at,
      ms: reviews.ms,
      code: reviews.code,
      flags: reviews.flags,
      upstreamCluster: cluster("outbound", "reviews", "v2"),
      url: url("reviews", "/reviews/0"),
    },
    {
      id: sid(p, 7),
      parent: sid(p, 6),
      proxy: reviewsV2,
      operation: op("reviews"),
      kind: "server",
      at: at + 0.5,
      ms: reviews.ms - 1,
      code: reviews.code,
      flags: reviews.flags,
      upstreamCluster: cluster("inbound"),
      url: url("reviews", "/reviews/0"),
    },
    {
      id: sid(p, 8),
      parent: sid(p, 7),
      proxy: reviewsV2,
      operation: op("ratings"),
      kind: "client",
      at: at + 1.5,
      ms: toRatings.ms,
      code: toRatings.code,
      flags: toRatings.flags,
      upstreamCluster: cluster("outbound", "ratings", "v1"),
      url: url("ratings", "/ratings/0"),
    },
  ];
  if (toRatings.reached) {
    spans.push({
      id: sid(p, 9),
      parent: sid(p, 8),
      proxy: ratings,
      operation: op("ratings"),
      kind: "server",
      at: at + toRatings.ms - 2,
      ms: 1.5,
      code: toRatings.code,
      upstreamCluster: cluster("inbound"),
      url: url("ratings", "/ratings/0"),
    });
  }
  return spans;
}

export const requestIds = {
  normalV2: "5c1f8e0a-3b7d-9f2e-a1c4-7e2d9b0f6a11",
  ratingsAbort: "7d4e2b91-0c55-9a6f-8e3d-2f1a6c9b4e07",
  ratingsDelay: "9a0b1c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d",
};

export const normalV2 = buildTrace("4bf92f3577b34da6a3ce929d0e0e4736", requestIds.normalV2, [
  ...entry(30, 28),
  ...reviewsRound("b", 7, { ms: 18, code: 200 }, { ms: 6, code: 200, reached: true }),
]);

export const ratingsAbort = buildTrace("0af7651916cd43dd8448eb211c80319c", requestIds.ratingsAbort, [
  ...entry(20, 18),
  ...reviewsRound("b", 7, { ms: 9, code: 200 }, { ms: 0.4, code: 500, flags: "FI", reached: false }),
]);

export const ratingsDelay = buildTrace("e457b5a2e4d86bd1bf2e0c3d7a9f1b2c", requestIds.ratingsDelay, [
  ...entry(6_020, 6_015),
  // productpage's 3 s timeout, twice: both proxies of the hop see the connection closed (0 DC).
  ...reviewsRound("b", 7, { ms: 3_000, code: 0, flags: "DC" }, { ms: 7_003, code: 200, flags: "DI", reached: true }),
  ...reviewsRound("c", 3_008, { ms: 3_000, code: 0, flags: "DC" }, { ms: 7_003, code: 200, flags: "DI", reached: true }),
]);
