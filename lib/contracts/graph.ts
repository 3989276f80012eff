/**
 * GET /api/namespaces/graph — the versioned service graph, in Kiali's response shape and
 * field names (Cytoscape elements), so Kiali-API consumers can read it.
 *
 * Conventions, as Kiali:
 * - rates are strings with 2 decimals ("12.34" requests/s or bytes/s), percentages strings
 *   with 1 decimal ("33.3");
 * - boolean flags (`hasVS`, `isIdle`, …) are omitted when false: absent means false, which
 *   keeps a 1,000-node answer small;
 * - ids are stable across refreshes (derived from cluster/namespace/kind/name/version), so
 *   the page keeps node positions.
 */
import { z } from "zod";
import { outboundTrafficModes } from "@/lib/istio/mesh-config";

export const graphTypes = ["versionedApp", "app", "workload", "service"] as const;
export const graphTypeSchema = z.enum(graphTypes);
export type GraphType = z.infer<typeof graphTypeSchema>;

export const nodeTypes = ["app", "box", "workload", "service", "unknown", "aggregate"] as const;
export const nodeTypeSchema = z.enum(nodeTypes);
export type NodeType = z.infer<typeof nodeTypeSchema>;

export const protocols = ["http", "grpc", "tcp"] as const;
export const protocolSchema = z.enum(protocols);
export type Protocol = z.infer<typeof protocolSchema>;

/**
 * `na`: nothing to judge (no requests, no replicas). `unknown`: the inputs are missing —
 * Prometheus did not answer — so the console must not claim "healthy" from pods alone.
 */
export const healthStatuses = ["healthy", "degraded", "failure", "na", "unknown"] as const;
export const healthStatusSchema = z.enum(healthStatuses);
export type HealthStatus = z.infer<typeof healthStatusSchema>;

export const responseTimeStats = ["avg", "50", "95", "99"] as const;
export const responseTimeStatSchema = z.enum(responseTimeStats);
export type ResponseTimeStat = z.infer<typeof responseTimeStatSchema>;

/**
 * Kiali's Traffic menu: which telemetry each protocol's rates come from. HTTP and gRPC
 * "requests" count `istio_requests_total`; gRPC "sent"/"received" count stream messages
 * (`istio_request_messages_total` / `istio_response_messages_total`); TCP "sent"/"received"
 * count bytes (`istio_tcp_sent_bytes_total` / `istio_tcp_received_bytes_total`); "total" adds
 * both directions; "none" leaves the protocol out of the graph.
 */
export const httpRates = ["requests", "none"] as const;
export const grpcRates = ["requests", "sent", "received", "total", "none"] as const;
export const tcpRates = ["sent", "received", "total", "none"] as const;
export type HttpRate = (typeof httpRates)[number];
export type GrpcRate = (typeof grpcRates)[number];
export type TcpRate = (typeof tcpRates)[number];
export interface TrafficRates {
  http: HttpRate;
  grpc: GrpcRate;
  tcp: TcpRate;
}
/** Kiali's defaults: requests for HTTP and gRPC, bytes sent for TCP. */
export const defaultTrafficRates: TrafficRates = { http: "requests", grpc: "requests", tcp: "sent" };

/** Which HTTP bytes the `throughput` edge field counts: request bodies or response bodies (Kiali's default). */
export const throughputTypes = ["request", "response"] as const;
export type ThroughputType = (typeof throughputTypes)[number];

/** What boxes group nodes: app boxes around versions (versionedApp), namespaces, clusters. */
export const boxKinds = ["app", "namespace", "cluster"] as const;
export type BoxKind = (typeof boxKinds)[number];

export const graphFormats = ["json", "dot"] as const;
export type GraphFormat = (typeof graphFormats)[number];

/**
 * Rate keys, as Kiali names them. Node traffic uses the In/Out keys; edge traffic the plain
 * and class keys plus `httpPercentReq` (traffic %) and `httpPercentErr` (error %).
 * HTTP: http, httpIn, httpOut, http3xx, http4xx, http5xx, httpNoResponse, httpPercentErr,
 * httpPercentReq (and the same with In: httpIn3xx, httpIn4xx, httpIn5xx, httpInNoResponse).
 * gRPC: grpc, grpcIn, grpcOut, grpcErr, grpcNoResponse, grpcPercentErr, grpcPercentReq.
 * TCP (bytes/s): tcp, tcpIn, tcpOut, tcpPercentReq.
 */
export const ratesSchema = z.record(z.string(), z.string());
export type Rates = z.infer<typeof ratesSchema>;

/** One response code on an edge: the share (%) of its requests per Envoy flag and per host. */
export const responseDetailSchema = z.object({
  flags: z.record(z.string(), z.string()),
  hosts: z.record(z.string(), z.string()),
});
export type ResponseDetail = z.infer<typeof responseDetailSchema>;

export const nodeTrafficSchema = z.object({ protocol: protocolSchema, rates: ratesSchema });
export type NodeTraffic = z.infer<typeof nodeTrafficSchema>;

export const edgeTrafficSchema = z.object({
  protocol: protocolSchema,
  rates: ratesSchema,
  /** Keyed by response code ("200", "503", "-" for no response; gRPC status for gRPC). */
  responses: z.record(z.string(), responseDetailSchema),
});
export type EdgeTraffic = z.infer<typeof edgeTrafficSchema>;

export const destServiceSchema = z.object({ cluster: z.string(), namespace: z.string(), name: z.string() });
export type DestService = z.infer<typeof destServiceSchema>;

/** Topsail's node health: the status plus the figures it was decided from. */
export const healthDataSchema = z.object({
  status: healthStatusSchema,
  /** Human-readable reasons for a non-healthy status, e.g. "5xx 12.0% ≥ 10%". */
  reasons: z.array(z.string()).optional(),
  /** Inbound request error shares (%, 1 decimal) over the window. */
  requests: z
    .object({
      inboundRate: z.string(),
      errorPct: z.string(),
      http5xxPct: z.string(),
      http4xxPct: z.string(),
      noResponsePct: z.string(),
    })
    .optional(),
  /** Workload replicas, when the node stands for workloads known to the cluster. */
  workload: z.object({ desiredReplicas: z.number(), availableReplicas: z.number() }).optional(),
});
export type HealthData = z.infer<typeof healthDataSchema>;

export const serviceEntryInfoSchema = z.object({
  location: z.enum(["MESH_EXTERNAL", "MESH_INTERNAL"]),
  hosts: z.array(z.string()),
});
export type ServiceEntryInfo = z.infer<typeof serviceEntryInfoSchema>;

const flag = z.boolean().optional();

export const graphNodeDataSchema = z.object({
  id: z.string(),
  /** The app box's id for a versioned-app node in a versionedApp graph. */
  parent: z.string().optional(),
  nodeType: nodeTypeSchema,
  cluster: z.string(),
  namespace: z.string(),
  workload: z.string().optional(),
  app: z.string().optional(),
  version: z.string().optional(),
  service: z.string().optional(),
  /** The services this node was reached through (the destination_service labels). */
  destServices: z.array(destServiceSchema).optional(),
  traffic: z.array(nodeTrafficSchema).optional(),
  healthData: healthDataSchema.optional(),
  hasCB: flag,
  hasFaultInjection: flag,
  hasMirroring: flag,
  hasRequestRouting: flag,
  hasRequestTimeout: flag,
  hasTrafficShifting: flag,
  hasTCPTrafficShifting: flag,
  hasVS: flag,
  /** Some of the node's pods run without the istio-proxy sidecar. */
  hasMissingSC: flag,
  /** The kind of box this node is (boxBy): "app", "namespace" or "cluster". */
  isBox: z.enum(boxKinds).optional(),
  /** Known to the cluster but with no running pod. */
  isDead: flag,
  /** An ingress or egress gateway workload. */
  isGateway: flag,
  /** In cluster state but without traffic in the window (only with idleNodes=true). */
  isIdle: flag,
  /**
   * Kiali's field (`isInaccessible`, omitted when false): the viewer may see the node's namespace
   * but may not read its workloads — the API server refuses them `list pods` there, what the
   * workload and app pages show — so the node is drawn but opens no detail page and offers no
   * action. Issue 16 still holds: a namespace the viewer may not see (`get namespaces`) has no
   * node at all, never an inaccessible one. Set only for signed-in viewers, on nodes of real
   * namespaces (never on "unknown" peers or hosts outside the mesh).
   */
  isInaccessible: flag,
  /** Not part of the mesh (no sidecar, not in a mesh namespace): seen only through peers. */
  isOutOfMesh: flag,
  /** In a namespace the user did not ask for. */
  isOutside: flag,
  /** Sends traffic but receives none in the graph (e.g. the ingress gateway, load generators). */
  isRoot: flag,
  /** A ServiceEntry host (external, or internal to the mesh). */
  isServiceEntry: serviceEntryInfoSchema.optional(),
});
export type GraphNodeData = z.infer<typeof graphNodeDataSchema>;

export const graphEdgeDataSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** Share of the edge's requests (or bytes) sent over mutual TLS, %, a whole number as Kiali writes it ("100"). */
  isMTLS: z.string().optional(),
  /** Response time in ms (the statistic the request asked for), 2 decimals. */
  responseTime: z.string().optional(),
  /**
   * HTTP/gRPC body bytes/s (response bodies, or request bodies with throughputType=request),
   * a whole number as Kiali writes it; TCP edges carry tcp rates instead.
   */
  throughput: z.string().optional(),
  traffic: edgeTrafficSchema,
  /**
   * Topsail's addition, from config alone (server/diagnosis, the timeout and retry budget): how
   * many requests the destination may receive for one request entering its call path, when
   * every try fails — app tries × retries that re-send, multiplied along the path. Absent where
   * no known client's call path covers the edge.
   */
  worstCaseLoad: z.number().int().positive().optional(),
});
export type GraphEdgeData = z.infer<typeof graphEdgeDataSchema>;

export const graphNodeSchema = z.object({ data: graphNodeDataSchema });
export const graphEdgeSchema = z.object({ data: graphEdgeDataSchema });
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

export const graphResponseSchema = z.object({
  /** End of the window, unix seconds. */
  timestamp: z.number().int(),
  /** Length of the window, seconds. */
  duration: z.number().int(),
  graphType: graphTypeSchema,
  elements: z.object({ nodes: z.array(graphNodeSchema), edges: z.array(graphEdgeSchema) }),
  /**
   * Topsail's addition to Kiali's shape: the mesh's `outboundTrafficPolicy.mode` (the `istio`
   * ConfigMap) when the graph was read, so the edge panel can say why calls went to
   * PassthroughCluster or BlackHoleCluster, or failed with 502 to an external host. Present only
   * when the graph has such a node (a host outside the mesh) and the ConfigMap could be read.
   */
  meshOutboundTrafficPolicy: z.enum(outboundTrafficModes).optional(),
});
export type GraphResponse = z.infer<typeof graphResponseSchema>;

// ---------------------------------------------------------------------------------------
// Query parameters
// ---------------------------------------------------------------------------------------

export const minGraphDurationSeconds = 30;
export const maxGraphDurationSeconds = 86_400;
export const defaultGraphDurationSeconds = 300;

const durationUnitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const durationText = /^(\d+)(s|m|h|d)$/;
const namespaceName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** "300s", "5m", "1h", "1d" → seconds; undefined when not of that form. */
export function parseGraphDuration(text: string): number | undefined {
  const m = durationText.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (durationUnitSeconds[m[2] as string] as number);
}

const allowed = (values: readonly string[]) => values.join(", ");

const booleanParam = (name: string) =>
  z.enum(["true", "false"], { error: `${name} must be true or false` }).transform((v) => v === "true");

/**
 * Each namespace costs Prometheus ten queries (by default) and the cluster a list of each kind: a
 * bound keeps one request's work bounded (Kiali's graph has none, and a request for every
 * namespace of a large cluster could occupy Prometheus for minutes).
 */
export const maxGraphNamespaces = 100;

/** The URL parameters, as strings; each failure names the parameter and what it accepts. */
export const graphQuerySchema = z.object({
  namespaces: z
    .string({ error: "namespaces is required: a comma-separated list of namespace names" })
    .transform((text, ctx) => {
      const names = [
        ...new Set(
          text
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (names.length === 0) {
        ctx.addIssue({ code: "custom", message: "namespaces is required: a comma-separated list of namespace names" });
        return z.NEVER;
      }
      if (names.length > maxGraphNamespaces) {
        ctx.addIssue({
          code: "custom",
          message: `namespaces: ${names.length} namespaces asked for; a graph shows at most ${maxGraphNamespaces} (pick the namespaces you are looking at)`,
        });
        return z.NEVER;
      }
      const bad = names.find((n) => n.length > 63 || !namespaceName.test(n));
      if (bad !== undefined) {
        ctx.addIssue({
          code: "custom",
          message: `namespaces: "${bad}" is not a valid namespace name (lowercase letters, digits and '-', at most 63)`,
        });
        return z.NEVER;
      }
      return names.sort();
    }),
  graphType: z.enum(graphTypes, { error: `graphType must be one of ${allowed(graphTypes)}` }).default("versionedApp"),
  duration: z
    .string()
    .default(`${defaultGraphDurationSeconds}s`)
    .transform((text, ctx) => {
      const seconds = parseGraphDuration(text);
      if (seconds === undefined || seconds < minGraphDurationSeconds || seconds > maxGraphDurationSeconds) {
        ctx.addIssue({
          code: "custom",
          message: `duration must be between 30s and 1d, written like 30s, 5m, 1h or 1d (got "${text}")`,
        });
        return z.NEVER;
      }
      return seconds;
    }),
  idleNodes: booleanParam("idleNodes").default(false),
  responseTime: z
    .enum(responseTimeStats, { error: `responseTime must be one of ${allowed(responseTimeStats)}` })
    .default("95"),
  queryTime: z
    .string()
    .regex(/^\d{1,12}$/, { error: "queryTime must be unix seconds (a whole number), the end of the window" })
    .transform(Number)
    .optional(),
  rateHttp: z
    .enum(httpRates, { error: `rateHttp must be one of ${allowed(httpRates)}` })
    .default(defaultTrafficRates.http),
  rateGrpc: z
    .enum(grpcRates, { error: `rateGrpc must be one of ${allowed(grpcRates)}` })
    .default(defaultTrafficRates.grpc),
  rateTcp: z.enum(tcpRates, { error: `rateTcp must be one of ${allowed(tcpRates)}` }).default(defaultTrafficRates.tcp),
  throughputType: z
    .enum(throughputTypes, { error: `throughputType must be one of ${allowed(throughputTypes)}` })
    .default("response"),
  /** Kiali's option: a service node between each caller and the workloads behind the service it called. */
  injectServiceNodes: booleanParam("injectServiceNodes").default(false),
  /** Comma-separated box kinds; absent: app boxes in a versionedApp graph (Topsail's default). */
  boxBy: z
    .string()
    .transform((text, ctx) => {
      const kinds = [
        ...new Set(
          text
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const bad = kinds.find((k) => !(boxKinds as readonly string[]).includes(k));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `boxBy: "${bad}" is not one of ${allowed(boxKinds)}` });
        return z.NEVER;
      }
      return kinds as BoxKind[];
    })
    .default(["app"]),
  format: z.enum(graphFormats, { error: `format must be one of ${allowed(graphFormats)}` }).default("json"),
});

/** Parsed parameters. `queryTime` absent means "now". */
export type GraphQuery = z.output<typeof graphQuerySchema>;

/** The options a caller of the graph engine may leave out, and what they then are (the URL's defaults). */
export type GraphOptionName = "rateHttp" | "rateGrpc" | "rateTcp" | "throughputType" | "injectServiceNodes" | "boxBy";
export const graphOptionDefaults: Pick<GraphQuery, GraphOptionName> = {
  rateHttp: defaultTrafficRates.http,
  rateGrpc: defaultTrafficRates.grpc,
  rateTcp: defaultTrafficRates.tcp,
  throughputType: "response",
  injectServiceNodes: false,
  boxBy: ["app"],
};

export type GraphQueryParseResult = { ok: true; query: GraphQuery } | { ok: false; message: string };

/** Parses URLSearchParams; empty values count as absent, so `&graphType=` takes the default. */
export function parseGraphQuery(params: URLSearchParams): GraphQueryParseResult {
  return parseWith(graphQuerySchema, params);
}

/**
 * A node graph's parameters (`/api/namespaces/{ns}/{kind}/{name}/graph`): the namespace
 * graph's, less `namespaces` — the path names the one namespace, as in Kiali.
 */
export const nodeGraphQuerySchema = graphQuerySchema.omit({ namespaces: true });
export type NodeGraphQuery = z.output<typeof nodeGraphQuerySchema>;

export function parseNodeGraphQuery(
  params: URLSearchParams,
): { ok: true; query: NodeGraphQuery } | { ok: false; message: string } {
  return parseWith(nodeGraphQuerySchema, params);
}

function parseWith<S extends z.ZodType>(
  schema: S,
  params: URLSearchParams,
): { ok: true; query: z.output<S> } | { ok: false; message: string } {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
}

/**
 * The URL parameters for a query, for lib/queries and links (defaults left out). Without
 * `namespaces` (a node graph's URL names its namespace in the path) none is written.
 */
export function formatGraphQuery(query: Partial<GraphQuery>): URLSearchParams {
  const params = new URLSearchParams();
  if (query.namespaces) params.set("namespaces", [...query.namespaces].sort().join(","));
  if (query.graphType) params.set("graphType", query.graphType);
  if (query.duration !== undefined) params.set("duration", `${query.duration}s`);
  if (query.idleNodes) params.set("idleNodes", "true");
  if (query.responseTime) params.set("responseTime", query.responseTime);
  if (query.queryTime !== undefined) params.set("queryTime", String(query.queryTime));
  if (query.rateHttp && query.rateHttp !== defaultTrafficRates.http) params.set("rateHttp", query.rateHttp);
  if (query.rateGrpc && query.rateGrpc !== defaultTrafficRates.grpc) params.set("rateGrpc", query.rateGrpc);
  if (query.rateTcp && query.rateTcp !== defaultTrafficRates.tcp) params.set("rateTcp", query.rateTcp);
  if (query.throughputType && query.throughputType !== "response") params.set("throughputType", query.throughputType);
  if (query.injectServiceNodes) params.set("injectServiceNodes", "true");
  if (query.boxBy && query.boxBy.join(",") !== "app") params.set("boxBy", query.boxBy.join(","));
  if (query.format && query.format !== "json") params.set("format", query.format);
  return params;
}
