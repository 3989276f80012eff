/**
 * What one Envoy proxy knows about one HTTP request when it finishes with it — Envoy's
 * "stream info". Istio's access-log line (telemetry/access-log) and the proxy's tracing
 * span (sim/mesh/tracing) are both rendered from it, exactly as Envoy renders both from
 * the same stream info, so a log line and its span can never disagree.
 *
 * Operators named in the comments are those of Istio's default access-log format
 * (`../shared` reference, part 2 §1, mirrored in telemetry/access-log.ts).
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";

/** B3 / W3C trace context as a proxy saw or created it. Ids are lower-case hex. */
export interface TraceContext {
  /** 32 hex digits. */
  traceId: string;
  /** 16 hex digits: this proxy's span. */
  spanId: string;
  /** The span this one is a child of; absent for a trace's root span. */
  parentSpanId?: string;
  /** Whether this trace is reported (Istio's sampling decision, made once at the edge). */
  sampled: boolean;
  /**
   * Gateways only: Envoy's upstream span `router <cluster> egress`, a child of `spanId` and the
   * parent of the destination sidecar's inbound span.
   */
  routerSpanId?: string;
}

export interface ProxyRecord {
  /** The pod whose proxy (sidecar or gateway) writes this record to its `istio-proxy` log. */
  pod: PodInfo;
  /**
   * `outbound`: a sidecar's client side (the app called out) or a gateway routing a request;
   * `inbound`: a sidecar in front of its own application.
   */
  direction: "outbound" | "inbound";
  /**
   * %START_TIME% as epoch ms: the engine's wall-clock epoch plus the virtual time the request
   * started (in the running simulator virtual time follows the wall clock).
   */
  startedAtMs: number;
  /** %DURATION%, ms. */
  durationMs: number;
  /** %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%, ms; absent when no upstream answered. */
  upstreamServiceTimeMs?: number;
  method: string;
  /** %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%. */
  path: string;
  /** %PROTOCOL%: "HTTP/1.1" or "HTTP/2" (gRPC). */
  protocol: string;
  /** %REQ(:AUTHORITY)%, as the caller sent it (e.g. `reviews:9080`). */
  authority: string;
  /** %REQ(USER-AGENT)%; absent = `-`. */
  userAgent?: string;
  /** %REQ(X-FORWARDED-FOR)%; absent = `-`. */
  forwardedFor?: string;
  /** %RESPONSE_CODE%; 0 when no response was sent (the caller hung up). */
  code: number;
  /** %RESPONSE_FLAGS%, comma-joined as Envoy prints them; `-` for none. */
  flags: string;
  /**
   * %RESPONSE_CODE_DETAILS%: via_upstream, fault_filter_abort, route_not_found,
   * upstream_reset_before_response_started{…}, … (telemetry/response-flags.ts).
   */
  details: string;
  /** %BYTES_RECEIVED% / %BYTES_SENT%. */
  bytesReceived: number;
  bytesSent: number;
  /** %REQ(X-REQUEST-ID)%: a UUID made by the first proxy and forwarded by the applications. */
  requestId: string;
  /** %UPSTREAM_HOST% `ip:port`; absent when no host was picked. */
  upstreamHost?: string;
  /** %UPSTREAM_CLUSTER_RAW%: `outbound|9080|v1|ratings.bookinfo.svc.cluster.local`, `inbound|9080||`, … */
  upstreamCluster: string;
  /** %UPSTREAM_LOCAL_ADDRESS%. */
  upstreamLocalAddress?: string;
  /** %DOWNSTREAM_LOCAL_ADDRESS%: the ClusterIP:port dialed (outbound), the pod's ip:port (inbound). */
  downstreamLocalAddress?: string;
  /** %DOWNSTREAM_REMOTE_ADDRESS%. */
  downstreamRemoteAddress?: string;
  /** %REQUESTED_SERVER_NAME% (SNI on inbound mTLS). */
  requestedServerName?: string;
  /** %ROUTE_NAME%: the VirtualService http route's name, `default`, or absent. */
  routeName?: string;
  /** The route's decorator, Envoy's span operation name (`reviews.bookinfo.svc.cluster.local:9080/*`). */
  operationName: string;
  /** The VirtualService that produced the route (`namespace/name`), when one did. */
  virtualService?: string;
  /** gRPC only: the grpc-status of the answer. */
  grpcStatus?: number;
  trace: TraceContext;
}

/**
 * What one proxy's TCP proxy filter knows of one connection when it closes, the stream info its
 * access-log line is rendered from. Envoy traces no TCP proxying, so there is no span.
 */
export interface TcpProxyRecord {
  pod: PodInfo;
  direction: "outbound" | "inbound";
  /** %START_TIME% as epoch ms (see ProxyRecord). */
  startedAtMs: number;
  durationMs: number;
  /** %RESPONSE_FLAGS%: `UH` when the cluster had no host (BlackHoleCluster), `-` for none. */
  flags: string;
  /** %BYTES_RECEIVED% from the downstream (the client's bytes) / %BYTES_SENT% to it. */
  bytesReceived: number;
  bytesSent: number;
  /** %UPSTREAM_HOST%; absent when no upstream was connected. */
  upstreamHost?: string;
  /** %UPSTREAM_CLUSTER_RAW%: `outbound|443||edition.cnn.com`, `PassthroughCluster`, `BlackHoleCluster`. */
  upstreamCluster: string;
  upstreamLocalAddress?: string;
  /** %DOWNSTREAM_LOCAL_ADDRESS%: the address the application dialed (the original destination). */
  downstreamLocalAddress?: string;
  downstreamRemoteAddress?: string;
  /** %REQUESTED_SERVER_NAME%: the SNI of the client's TLS. */
  requestedServerName?: string;
}

/** Where the engine hands its records; the simulator wires the log store and the trace store here. */
export interface ProxyRecordSink {
  record(record: ProxyRecord): void;
  /** A TCP connection's record; sinks that only want HTTP (the trace store) leave it out. */
  recordTcp?(record: TcpProxyRecord): void;
}
