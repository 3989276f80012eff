/**
 * Test support: the proxy records one Bookinfo request leaves behind, built by hand in the shape
 * the engine emits them (telemetry/proxy-record.ts), so the tracing code is tested without the
 * engine: the ingress gateway (with its router span) → productpage → details, reviews and, for
 * reviews v2/v3, ratings — each hop a client record and, when the call reached it, a server record.
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import type { ProxyRecord } from "../telemetry/proxy-record";

function pod(
  app: string,
  version: string,
  namespace: string,
  ip: string,
  options: { gateway?: boolean } = {},
): PodInfo {
  const workload = options.gateway ? app : `${app}-${version}`;
  return {
    name: `${workload}-5f7b9c6d4-x2k8p`,
    namespace,
    labels: { app, version },
    annotations: { "sim.topsail.dev/pod-ip": ip },
    identity: {
      key: `${namespace}/${workload}`,
      workload,
      namespace,
      app,
      version,
      canonicalService: app,
      canonicalRevision: version,
      principal: `spiffe://cluster.local/ns/${namespace}/sa/${app}`,
    },
    serviceAccount: app,
    hasSidecar: !options.gateway,
    isGateway: options.gateway ?? false,
    ready: true,
    workloadAnnotations: {},
  };
}

export const PODS = {
  gateway: pod("istio-ingressgateway", "latest", "istio-system", "10.244.0.5", { gateway: true }),
  productpage: pod("productpage", "v1", "bookinfo", "10.244.1.12"),
  details: pod("details", "v1", "bookinfo", "10.244.1.14"),
  reviewsV1: pod("reviews", "v1", "bookinfo", "10.244.1.16"),
  reviewsV2: pod("reviews", "v2", "bookinfo", "10.244.1.17"),
  reviewsV3: pod("reviews", "v3", "bookinfo", "10.244.1.18"),
  ratings: pod("ratings", "v1", "bookinfo", "10.244.1.19"),
};

const CLUSTER_IPS: Record<string, string> = {
  productpage: "10.96.10.1",
  details: "10.96.10.2",
  reviews: "10.96.10.3",
  ratings: "10.96.10.4",
};

const ipOf = (p: PodInfo): string => p.annotations["sim.topsail.dev/pod-ip"] ?? "-";

export interface BookinfoRequest {
  traceId: string;
  requestId: string;
  startedAtMs: number;
  reviews: "v1" | "v2" | "v3";
  /** What reviews' call to ratings meets: an answer, a fault abort (503 FI) or a delay (ms, flag DI). */
  ratings?: { abort: true } | { delayMs: number };
  /** productpage's timeout for reviews (3 s in Bookinfo, tried twice); a slower reviews is given up on (DC). */
  productpageTimeoutMs?: number;
  sampled?: boolean;
  userAgent?: string;
}

interface Hop {
  client: PodInfo;
  server: PodInfo;
  service: "productpage" | "details" | "reviews" | "ratings";
  path: string;
  startedAtMs: number;
  durationMs: number;
  code: number;
  flags?: string;
  details?: string;
  /** The caller's inbound span. */
  parentSpanId: string;
  /** False when the request never reached the server's proxy (a fault abort). */
  reached?: boolean;
  /** The server answered later than the client gave up. */
  serverDurationMs?: number;
}

/**
 * The records of one request, in the order proxies finish (innermost first); span ids count up from
 * 1 in 16 hex digits. productpage tries reviews once here (Bookinfo tries twice).
 */
export function bookinfoRequestRecords(request: BookinfoRequest): ProxyRecord[] {
  let spans = 0;
  const nextSpan = (): string => (++spans).toString(16).padStart(16, "0");
  const records: ProxyRecord[] = [];
  const sampled = request.sampled ?? true;
  const common = (p: PodInfo) => ({
    pod: p,
    method: "GET",
    protocol: "HTTP/1.1",
    requestId: request.requestId,
    bytesReceived: 0,
    userAgent: request.userAgent ?? "python-requests/2.32.3",
  });

  /** A client record and (when reached) a server record; returns the server span id. */
  const hop = (h: Hop): string => {
    const fqdn = `${h.service}.bookinfo.svc.cluster.local`;
    const clientSpan = nextSpan();
    const serverSpan = nextSpan();
    const reached = h.reached ?? true;
    const client: ProxyRecord = {
      ...common(h.client),
      direction: "outbound",
      startedAtMs: h.startedAtMs,
      durationMs: h.durationMs,
      ...(reached && h.code !== 0 ? { upstreamServiceTimeMs: h.durationMs - 1 } : {}),
      path: h.path,
      authority: `${h.service}:9080`,
      code: h.code,
      flags: h.flags ?? "-",
      details: h.details ?? "via_upstream",
      bytesSent: h.code === 200 ? 358 : 18,
      ...(reached ? { upstreamHost: `${ipOf(h.server)}:9080`, upstreamLocalAddress: `${ipOf(h.client)}:46874` } : {}),
      upstreamCluster: `outbound|9080||${fqdn}`,
      downstreamLocalAddress: `${CLUSTER_IPS[h.service]}:9080`,
      downstreamRemoteAddress: `${ipOf(h.client)}:50692`,
      routeName: "default",
      operationName: `${fqdn}:9080/*`,
      trace: { traceId: request.traceId, spanId: clientSpan, parentSpanId: h.parentSpanId, sampled },
    };
    if (reached)
      records.push({
        ...common(h.server),
        direction: "inbound",
        startedAtMs: h.startedAtMs + 1,
        durationMs: h.serverDurationMs ?? h.durationMs - 2,
        path: h.path,
        authority: `${h.service}:9080`,
        code: h.code,
        flags: h.flags ?? "-",
        details: h.details ?? "via_upstream",
        bytesSent: h.code === 200 ? 358 : 0,
        upstreamHost: `${ipOf(h.server)}:9080`,
        upstreamCluster: "inbound|9080||",
        upstreamLocalAddress: "127.0.0.6:41233",
        downstreamLocalAddress: `${ipOf(h.server)}:9080`,
        downstreamRemoteAddress: `${ipOf(h.client)}:46874`,
        requestedServerName: `outbound_.9080_._.${fqdn}`,
        routeName: "default",
        operationName: `${fqdn}:9080/*`,
        trace: { traceId: request.traceId, spanId: serverSpan, parentSpanId: clientSpan, sampled },
      });
    records.push(client);
    return serverSpan;
  };

  const t0 = request.startedAtMs;
  const gatewaySpan = nextSpan();
  const routerSpan = nextSpan();
  const reviewsPod = { v1: PODS.reviewsV1, v2: PODS.reviewsV2, v3: PODS.reviewsV3 }[request.reviews];
  // productpage's server span is a child of the gateway's router span; its records come last, as it finishes last.
  const productpageSpan = nextSpan();

  hop({
    client: PODS.productpage,
    server: PODS.details,
    service: "details",
    path: "/details/0",
    startedAtMs: t0 + 3,
    durationMs: 6,
    code: 200,
    parentSpanId: productpageSpan,
  });

  const ratings = request.ratings;
  const ratingsDelayMs = ratings && "delayMs" in ratings ? ratings.delayMs : 0;
  const ratingsMs = ratingsDelayMs + 4;
  const reviewsWorkMs = request.reviews === "v1" ? 8 : 8 + ratingsMs;
  const timeoutMs = request.productpageTimeoutMs ?? 3_000;
  const gaveUp = reviewsWorkMs > timeoutMs;
  const reviewsStart = t0 + 10;
  const reviewsServer = hop({
    client: PODS.productpage,
    server: reviewsPod,
    service: "reviews",
    path: "/reviews/0",
    startedAtMs: reviewsStart,
    durationMs: gaveUp ? timeoutMs : reviewsWorkMs,
    code: gaveUp ? 0 : 200,
    ...(gaveUp ? { flags: "DC", details: "downstream_remote_disconnect" } : {}),
    ...(gaveUp ? { serverDurationMs: timeoutMs - 1 } : {}),
    parentSpanId: productpageSpan,
  });
  if (request.reviews !== "v1") {
    const aborted = ratings !== undefined && "abort" in ratings;
    hop({
      client: reviewsPod,
      server: PODS.ratings,
      service: "ratings",
      path: "/ratings/0",
      startedAtMs: reviewsStart + 3,
      durationMs: aborted ? 0 : ratingsMs,
      code: aborted ? 503 : 200,
      ...(aborted ? { flags: "FI", details: "fault_filter_abort", reached: false } : {}),
      ...(ratingsDelayMs > 0 ? { flags: "DI" } : {}),
      parentSpanId: reviewsServer,
    });
  }

  const pageMs = 12 + (gaveUp ? timeoutMs : reviewsWorkMs);
  records.push({
    ...common(PODS.productpage),
    direction: "inbound",
    startedAtMs: t0 + 1,
    durationMs: pageMs,
    path: "/productpage",
    authority: "bookinfo.example.com",
    code: 200,
    flags: "-",
    details: "via_upstream",
    bytesSent: 5_183,
    upstreamHost: `${ipOf(PODS.productpage)}:9080`,
    upstreamCluster: "inbound|9080||",
    upstreamLocalAddress: "127.0.0.6:52331",
    downstreamLocalAddress: `${ipOf(PODS.productpage)}:9080`,
    downstreamRemoteAddress: `${ipOf(PODS.gateway)}:39718`,
    routeName: "default",
    operationName: "productpage.bookinfo.svc.cluster.local:9080/*",
    trace: { traceId: request.traceId, spanId: productpageSpan, parentSpanId: routerSpan, sampled },
  });
  records.push({
    ...common(PODS.gateway),
    direction: "outbound",
    startedAtMs: t0,
    durationMs: pageMs + 2,
    upstreamServiceTimeMs: pageMs + 1,
    path: "/productpage",
    authority: "bookinfo.example.com",
    forwardedFor: "203.0.113.7",
    code: 200,
    flags: "-",
    details: "via_upstream",
    bytesSent: 5_183,
    upstreamHost: `${ipOf(PODS.productpage)}:9080`,
    upstreamCluster: "outbound|9080||productpage.bookinfo.svc.cluster.local",
    upstreamLocalAddress: `${ipOf(PODS.gateway)}:39718`,
    downstreamLocalAddress: `${ipOf(PODS.gateway)}:8080`,
    downstreamRemoteAddress: "203.0.113.7:61022",
    routeName: "-",
    operationName: "productpage.bookinfo.svc.cluster.local:9080/productpage",
    virtualService: "bookinfo/bookinfo",
    trace: { traceId: request.traceId, spanId: gatewaySpan, routerSpanId: routerSpan, sampled },
  });
  return records;
}
