/**
 * The graph as the page works with it: the API's Kiali-shaped strings turned into numbers
 * once, per-kind labels, and badges as a list. Everything downstream (find/hide, labels,
 * canvas, panels, the accessible list) reads this model, never the wire shape.
 */
import type { GraphEdgeData, GraphNodeData, GraphResponse, HealthStatus, Protocol } from "@/lib/contracts/graph";
import type { EdgeChangeStatus, Finding } from "@/lib/contracts/graph-compare";
import type { OutboundTrafficMode } from "@/lib/istio/mesh-config";

export type ViewNodeKind = "app" | "versionedApp" | "workload" | "service" | "unknown" | "aggregate" | "box";

export const nodeBadges = [
  "gateway",
  "virtualService",
  "requestRouting",
  "trafficShifting",
  "faultInjection",
  "circuitBreaker",
  "mirroring",
  "timeout",
  "missingSidecar",
] as const;
export type NodeBadge = (typeof nodeBadges)[number];

/** Which contract flag raises which badge: a new badge is a new row. */
const badgeFlags: [NodeBadge, (d: GraphNodeData) => boolean | undefined][] = [
  // As Kiali: a gateway keeps the shape of its kind and carries a gateway badge.
  ["gateway", (d) => d.isGateway],
  ["virtualService", (d) => d.hasVS],
  ["requestRouting", (d) => d.hasRequestRouting],
  ["trafficShifting", (d) => d.hasTrafficShifting || d.hasTCPTrafficShifting],
  ["faultInjection", (d) => d.hasFaultInjection],
  ["circuitBreaker", (d) => d.hasCB],
  ["mirroring", (d) => d.hasMirroring],
  ["timeout", (d) => d.hasRequestTimeout],
  ["missingSidecar", (d) => d.hasMissingSC],
];

export interface NodeRates {
  httpIn: number;
  httpOut: number;
  /** Inbound HTTP error share: (no response + 4xx + 5xx) / in, %. */
  httpInErrPct: number;
  grpcIn: number;
  grpcOut: number;
  grpcInErrPct: number;
  tcpIn: number;
  tcpOut: number;
  /** Inbound HTTP rate per code class, for the panel's chart. */
  httpInByClass: Record<"2xx" | "3xx" | "4xx" | "5xx" | "noResponse", number>;
}

/**
 * In the graph's Compare mode (lib/graph-view/compare-view.ts), how an element changed
 * between the two windows: the canvas styles it by `status` and `tone` and writes `label`.
 */
export interface CompareMark {
  status: EdgeChangeStatus;
  /** The worst finding's tone; `none` for an unchanged element. */
  tone: Finding["tone"] | "none";
  /** What the canvas writes on the element: the delta in a few characters ("+5.60 rps · +46.7 pts"). */
  label: string;
}

export interface ViewNode {
  id: string;
  parent?: string;
  kind: ViewNodeKind;
  namespace: string;
  cluster: string;
  app?: string;
  version?: string;
  workload?: string;
  service?: string;
  /** What the canvas writes under the node. */
  label: string;
  /** A name that stands alone (the list, the panel): "reviews v2", "productpage-v1". */
  title: string;
  health: HealthStatus;
  healthReasons: string[];
  badges: NodeBadge[];
  isRoot: boolean;
  isIdle: boolean;
  isDead: boolean;
  isGateway: boolean;
  isOutOfMesh: boolean;
  isOutside: boolean;
  isServiceEntry: boolean;
  /** The viewer may not read the workloads of its namespace (lib/contracts/graph.ts): no pages, no actions. */
  isInaccessible: boolean;
  rates: NodeRates;
  /** Set in Compare mode only. */
  compare?: CompareMark;
  data: GraphNodeData;
}

export interface EdgeResponse {
  code: string;
  /** Share of the edge's requests with this code, % (derived from the flag shares). */
  flags: Record<string, number>;
  hosts: Record<string, number>;
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  protocol: Protocol;
  /** Requests/s for HTTP and gRPC, bytes/s for TCP. */
  rate: number;
  /** Share of everything the source sends over the protocol, % (Kiali's traffic %). */
  percentReq: number;
  /** Share of what the source sends to the same service, % (the canary split). */
  percentReqOfService: number;
  /** Error share, % (HTTP: no response + 4xx + 5xx; gRPC: non-zero status). */
  errorPct: number;
  responseTimeMs?: number;
  /** Bytes/s (HTTP/gRPC body throughput, or the TCP rate). */
  throughput?: number;
  mtlsPct?: number;
  rates: Record<string, number>;
  responses: EdgeResponse[];
  /** Set in Compare mode only. */
  compare?: CompareMark;
  data: GraphEdgeData;
}

export interface ViewGraph {
  timestamp: number;
  duration: number;
  /** The mesh's outbound traffic policy, when the graph has hosts outside the mesh (lib/contracts/graph.ts). */
  outboundTrafficPolicy?: OutboundTrafficMode;
  nodes: ViewNode[];
  edges: ViewEdge[];
  nodeById: Map<string, ViewNode>;
}

const num = (text: string | undefined): number => {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
};
const optionalNum = (text: string | undefined): number | undefined =>
  text === undefined || text === "" ? undefined : num(text);

function kindOf(d: GraphNodeData): ViewNodeKind {
  if (d.nodeType === "box" || d.isBox) return "box";
  if (d.nodeType === "app") return d.version ? "versionedApp" : "app";
  return d.nodeType;
}

function labelsOf(d: GraphNodeData, kind: ViewNodeKind): { label: string; title: string } {
  const app = d.app ?? d.service ?? d.workload ?? "unknown";
  switch (kind) {
    case "versionedApp":
      // Inside its app box the version alone reads well; a lone node needs both.
      return { label: d.parent ? (d.version as string) : `${app} ${d.version}`, title: `${app} ${d.version}` };
    case "workload":
      return { label: d.workload ?? app, title: d.workload ?? app };
    case "service":
      return { label: d.service ?? app, title: d.service ?? app };
    case "unknown":
      return { label: "unknown", title: "unknown source" };
    default:
      return { label: app, title: app };
  }
}

function nodeRates(d: GraphNodeData): NodeRates {
  const http = d.traffic?.find((t) => t.protocol === "http")?.rates ?? {};
  const grpc = d.traffic?.find((t) => t.protocol === "grpc")?.rates ?? {};
  const tcp = d.traffic?.find((t) => t.protocol === "tcp")?.rates ?? {};
  const httpIn = num(http.httpIn);
  const c3 = num(http.httpIn3xx);
  const c4 = num(http.httpIn4xx);
  const c5 = num(http.httpIn5xx);
  const none = num(http.httpInNoResponse);
  const grpcIn = num(grpc.grpcIn);
  return {
    httpIn,
    httpOut: num(http.httpOut),
    httpInErrPct: httpIn > 0 ? ((c4 + c5 + none) / httpIn) * 100 : 0,
    grpcIn,
    grpcOut: num(grpc.grpcOut),
    grpcInErrPct: grpcIn > 0 ? ((num(grpc.grpcInErr) + num(grpc.grpcInNoResponse)) / grpcIn) * 100 : 0,
    tcpIn: num(tcp.tcpIn),
    tcpOut: num(tcp.tcpOut),
    httpInByClass: {
      "2xx": Math.max(0, httpIn - c3 - c4 - c5 - none),
      "3xx": c3,
      "4xx": c4,
      "5xx": c5,
      noResponse: none,
    },
  };
}

export function toViewNode(d: GraphNodeData): ViewNode {
  const kind = kindOf(d);
  return {
    id: d.id,
    parent: d.parent,
    kind,
    namespace: d.namespace,
    cluster: d.cluster,
    app: d.app,
    version: d.version,
    workload: d.workload,
    service: d.service,
    ...labelsOf(d, kind),
    health: d.healthData?.status ?? "na",
    healthReasons: d.healthData?.reasons ?? [],
    badges: badgeFlags.filter(([, has]) => has(d)).map(([badge]) => badge),
    isRoot: !!d.isRoot,
    isIdle: !!d.isIdle,
    isDead: !!d.isDead,
    isGateway: !!d.isGateway,
    isOutOfMesh: !!d.isOutOfMesh,
    isOutside: !!d.isOutside,
    isServiceEntry: !!d.isServiceEntry,
    isInaccessible: !!d.isInaccessible,
    rates: nodeRates(d),
    data: d,
  };
}

export function toViewEdge(d: GraphEdgeData): ViewEdge {
  const { protocol } = d.traffic;
  const rates: Record<string, number> = {};
  for (const [key, value] of Object.entries(d.traffic.rates)) rates[key] = num(value);
  const rate = rates[protocol] ?? 0;
  const errorPct =
    protocol === "http"
      ? (rates.httpPercentErr ??
        (rate > 0 ? (((rates.http4xx ?? 0) + (rates.http5xx ?? 0) + (rates.httpNoResponse ?? 0)) / rate) * 100 : 0))
      : protocol === "grpc"
        ? (rates.grpcPercentErr ?? 0)
        : 0;
  return {
    id: d.id,
    source: d.source,
    target: d.target,
    protocol,
    rate,
    percentReq: rates[`${protocol}PercentReq`] ?? 0,
    percentReqOfService: rates[`${protocol}PercentReqOfService`] ?? rates[`${protocol}PercentReq`] ?? 0,
    errorPct,
    responseTimeMs: optionalNum(d.responseTime),
    throughput: protocol === "tcp" ? rate : optionalNum(d.throughput),
    mtlsPct: optionalNum(d.isMTLS),
    rates,
    responses: Object.entries(d.traffic.responses).map(([code, detail]) => ({
      code,
      flags: Object.fromEntries(Object.entries(detail.flags).map(([k, v]) => [k, num(v)])),
      hosts: Object.fromEntries(Object.entries(detail.hosts).map(([k, v]) => [k, num(v)])),
    })),
    data: d,
  };
}

export function toViewGraph(response: GraphResponse): ViewGraph {
  const nodes = response.elements.nodes.map((n) => toViewNode(n.data));
  return {
    timestamp: response.timestamp,
    duration: response.duration,
    ...(response.meshOutboundTrafficPolicy ? { outboundTrafficPolicy: response.meshOutboundTrafficPolicy } : {}),
    nodes,
    edges: response.elements.edges.map((e) => toViewEdge(e.data)),
    nodeById: new Map(nodes.map((n) => [n.id, n])),
  };
}
