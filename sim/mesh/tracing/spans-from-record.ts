/**
 * The span(s) Envoy reports for one proxy record, as Jaeger stores them.
 *
 * - a sidecar's outbound record → one `client` span (its parent: the app's inbound span);
 * - a sidecar's inbound record → one `server` span (its parent: the caller's client span);
 * - a gateway's record → the gateway's `server` span, and, when the record names it
 *   (`trace.routerSpanId`), its child: Envoy's upstream span `router <cluster> egress`, the
 *   parent of the destination's inbound span (Istio turns on `spawn_upstream_span` for gateways).
 *
 * Tags are Envoy's HTTP tracer tags plus Istio's custom tags, as strings and in the order Envoy
 * sets them, so a search by `guid:x-request-id`, `http.status_code` or `error` finds what it
 * would find in Istio's Jaeger. Times are µs since the epoch, as Jaeger keeps them.
 */
import { CLUSTER_DOMAIN } from "@/lib/istio/routing/hosts";
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { LOCAL_CLUSTER } from "../telemetry/labels";
import type { ProxyRecord } from "../telemetry/proxy-record";
import type { JaegerProcess, JaegerTag, StoredSpan } from "./jaeger-model";

/** Istio's default mesh id: the trust domain, `cluster.local`. */
const MESH_ID = "cluster.local";
/** What Envoy writes for a tag whose value it does not have (downstream_cluster, user_agent…). */
const NONE = "-";

type Role = "gateway" | "client" | "server";

/**
 * Where a proxy reads its own pod's IP in what it knows of a request: a sidecar's inbound side is
 * dialed at the pod's address; its outbound side is dialed by the app from the pod's address; a
 * gateway dials its upstream from its own address. `node_id` and the process carry it.
 */
const ROLES: Record<
  Role,
  { spanKind: "client" | "server"; nodeType: string; ownAddress: (r: ProxyRecord) => string | undefined }
> = {
  gateway: { spanKind: "server", nodeType: "router", ownAddress: (r) => r.upstreamLocalAddress },
  client: {
    spanKind: "client",
    nodeType: "sidecar",
    ownAddress: (r) => r.downstreamRemoteAddress ?? r.upstreamLocalAddress,
  },
  server: { spanKind: "server", nodeType: "sidecar", ownAddress: (r) => r.downstreamLocalAddress },
};

function roleOf(record: ProxyRecord): Role {
  if (record.pod.isGateway) return "gateway";
  return record.direction === "outbound" ? "client" : "server";
}

/** `10.244.1.12:46874` → `10.244.1.12`. */
function hostOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const colon = address.lastIndexOf(":");
  return colon > 0 ? address.slice(0, colon) : address;
}

/** Istio's default tracing service name (`APP_LABEL_AND_NAMESPACE`): `productpage.bookinfo`. */
export function tracingServiceName(pod: PodInfo): string {
  const app = pod.identity.app && pod.identity.app !== "unknown" ? pod.identity.app : pod.identity.canonicalService;
  return `${app}.${pod.identity.namespace}`;
}

/** Envoy sets `error=true` when the answer is a 5xx or there was none. */
export function isErrorCode(code: number): boolean {
  return code === 0 || code >= 500;
}

const tag = (key: string, value: string | number): JaegerTag => ({ key, type: "string", value: String(value) });

/** Istio's custom tags (pilot's tracing config), set on every span a proxy makes. */
function istioTags(pod: PodInfo): JaegerTag[] {
  return [
    tag("istio.namespace", pod.namespace),
    tag("istio.canonical_service", pod.identity.canonicalService),
    tag("istio.mesh_id", MESH_ID),
    tag("istio.canonical_revision", pod.identity.canonicalRevision),
    tag("istio.cluster_id", LOCAL_CLUSTER),
  ];
}

function outcomeTags(record: ProxyRecord): JaegerTag[] {
  return [
    tag("http.status_code", record.code),
    tag("response_flags", record.flags || NONE),
    ...(record.grpcStatus !== undefined ? [tag("grpc.status_code", record.grpcStatus)] : []),
    ...(isErrorCode(record.code) ? [tag("error", "true")] : []),
  ];
}

function toMicros(ms: number): number {
  return Math.max(0, Math.round(ms * 1000));
}

export function spansFromRecord(record: ProxyRecord): StoredSpan[] {
  const role = roleOf(record);
  const { spanKind, nodeType, ownAddress } = ROLES[role];
  const ip = hostOf(ownAddress(record));
  const { pod, trace } = record;
  const process: JaegerProcess = {
    serviceName: tracingServiceName(pod),
    tags: ip ? [tag("ip", ip)] : [],
  };
  const base = { traceID: trace.traceId, flags: 1, process };
  const startTime = toMicros(record.startedAtMs);
  const span: StoredSpan = {
    ...base,
    spanID: trace.spanId,
    operationName: record.operationName,
    references: trace.parentSpanId ? [{ refType: "CHILD_OF", traceID: trace.traceId, spanID: trace.parentSpanId }] : [],
    startTime,
    duration: toMicros(record.durationMs),
    tags: [
      tag("node_id", `${nodeType}~${ip ?? NONE}~${pod.name}.${pod.namespace}~${pod.namespace}.${CLUSTER_DOMAIN}`),
      tag("zone", ""),
      tag("guid:x-request-id", record.requestId),
      tag("http.url", `http://${record.authority}${record.path}`),
      tag("http.method", record.method),
      tag("downstream_cluster", NONE),
      tag("user_agent", record.userAgent ?? NONE),
      tag("http.protocol", record.protocol),
      tag("peer.address", hostOf(record.downstreamRemoteAddress) ?? ip ?? NONE),
      tag("request_size", record.bytesReceived),
      tag("response_size", record.bytesSent),
      tag("component", "proxy"),
      tag("upstream_cluster", record.upstreamCluster),
      tag("upstream_cluster.name", record.upstreamCluster),
      ...outcomeTags(record),
      ...istioTags(pod),
      tag("span.kind", spanKind),
    ],
  };
  if (role !== "gateway" || !trace.routerSpanId) return [span];
  // The upstream span covers the request to the upstream; the gateway's own work around it is the rest.
  const upstreamMs = Math.min(record.upstreamServiceTimeMs ?? record.durationMs, record.durationMs);
  const router: StoredSpan = {
    ...base,
    spanID: trace.routerSpanId,
    operationName: `router ${record.upstreamCluster} egress`,
    references: [{ refType: "CHILD_OF", traceID: trace.traceId, spanID: trace.spanId }],
    startTime,
    duration: toMicros(upstreamMs),
    tags: [
      tag("component", "proxy"),
      tag("http.protocol", record.protocol),
      ...(record.upstreamHost ? [tag("upstream_address", record.upstreamHost)] : []),
      tag("upstream_cluster", record.upstreamCluster),
      tag("upstream_cluster.name", record.upstreamCluster),
      ...outcomeTags(record),
      ...istioTags(pod),
      tag("span.kind", "client"),
    ],
  };
  return [span, router];
}
