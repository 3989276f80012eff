/**
 * Traces from the tracing backend (a Jaeger-compatible query API, TOPSAIL_TRACING_URL):
 *
 * - GET /api/tracing/status → whether tracing is configured;
 * - GET /api/namespaces/NS/{kind}/NAME/traces?range&minDuration&errorsOnly&tags&limit → recent traces of an
 *   application, workload or service, for the scatter and the list;
 * - GET /api/traces/ID → one trace as a waterfall, with its path through the graph;
 * - GET /api/traces/request/REQUEST_ID?namespace&workload → the trace of an `x-request-id` (access-log lines carry it).
 */
import { z } from "zod";
import { namespaceNameSchema, objectNameSchema } from "./inventory";

export const tracingStatusSchema = z.object({
  configured: z.boolean(),
  /** The one line that says how to turn tracing on, when it is off. */
  hint: z.string().optional(),
});
export type TracingStatus = z.infer<typeof tracingStatusSchema>;

/** Jaeger ids: 16 or 32 lower- or upper-case hex digits (64- or 128-bit). */
export const traceIdSchema = z
  .string()
  .regex(/^(?:[0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/, "must be a trace id of 16 or 32 hex digits")
  .transform((id) => id.toLowerCase());

/** Envoy's x-request-id is a UUID, but any proxy in front may set its own: printable, no spaces. */
export const requestIdSchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "must be an x-request-id (printable characters, no spaces)");

/**
 * The tags filter as typed: `key=value` pairs separated by spaces (Jaeger's UI takes the same),
 * e.g. `response_flags=FI http.status_code=503`. Undefined when the text is not that shape.
 */
export function parseTagFilter(text: string): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  for (const pair of text.trim().split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || eq === pair.length - 1) return undefined;
    tags[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return tags;
}

const flag = z.enum(["true", "false"]).transform((v) => v === "true");

export const traceListQuerySchema = z.object({
  /** Seconds back from now. */
  range: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(1800),
  /** Milliseconds; only traces at least this long. */
  minDuration: z.coerce.number().min(0).max(3_600_000).optional(),
  errorsOnly: flag.default(false),
  tags: z
    .string()
    .max(1000)
    .optional()
    .transform((text, ctx) => {
      if (!text?.trim()) return undefined;
      const tags = parseTagFilter(text);
      if (!tags) {
        ctx.addIssue({
          code: "custom",
          message: "must be key=value pairs separated by spaces, e.g. response_flags=FI",
        });
        return z.NEVER;
      }
      return tags;
    }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TraceListQuery = z.infer<typeof traceListQuerySchema>;

export const requestLookupQuerySchema = z.object({
  namespace: namespaceNameSchema,
  workload: objectNameSchema,
});

/** One trace in a list: enough for a dot on the scatter and a row of the table. */
export const traceSummarySchema = z.object({
  traceId: z.string(),
  /** Epoch ms of the first span. */
  startMs: z.number(),
  durationMs: z.number(),
  /** The root span's service and operation (for Bookinfo: the ingress gateway and `…/productpage`). */
  rootService: z.string(),
  rootOperation: z.string(),
  spanCount: z.number(),
  errorSpans: z.number(),
  /** The root span's HTTP status code, when it has one. */
  httpCode: z.number().optional(),
  /** Jaeger services (`<app>.<namespace>`) with spans in the trace. */
  services: z.array(z.string()),
  requestId: z.string().optional(),
});
export type TraceSummary = z.infer<typeof traceSummarySchema>;

export const traceListResponseSchema = z.object({
  /** The Jaeger service searched, `<app>.<namespace>`. */
  service: z.string(),
  /** Set for a workload: only traces with a span of its pods are listed. */
  workload: z.string().optional(),
  start: z.number(),
  end: z.number(),
  traces: z.array(traceSummarySchema),
  /** The backend gave `limit` traces; older ones in the range were not asked for. */
  truncated: z.boolean(),
});
export type TraceListResponse = z.infer<typeof traceListResponseSchema>;

export const spanKinds = ["client", "server", "unknown"] as const;

export const traceSpanSchema = z.object({
  spanId: z.string(),
  parentId: z.string().optional(),
  /** 0 for a root; a span whose parent is missing from the trace is a root too. */
  depth: z.number(),
  /** From the trace's start, ms. */
  startOffsetMs: z.number(),
  durationMs: z.number(),
  service: z.string(),
  operation: z.string(),
  kind: z.enum(spanKinds),
  /** From Envoy's node_id: `sidecar` or `router` (a gateway), the pod, its namespace and workload. */
  proxy: z.enum(["sidecar", "router"]).optional(),
  namespace: z.string().optional(),
  pod: z.string().optional(),
  workload: z.string().optional(),
  app: z.string().optional(),
  version: z.string().optional(),
  httpCode: z.number().optional(),
  /** Envoy's response flags (`FI`, `DC`, `UT`…); absent for `-`. */
  responseFlags: z.string().optional(),
  upstreamCluster: z.string().optional(),
  method: z.string().optional(),
  url: z.string().optional(),
  error: z.boolean(),
  /** The span sits in a namespace the viewer may not see: timing only, no names or tags. */
  hidden: z.boolean(),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
});
export type TraceSpan = z.infer<typeof traceSpanSchema>;

/** One end of a hop: a workload (its pod answered) or, when no pod did, the service that was called. */
export const traceNodeRefSchema = z.object({
  /** `ns/workload` or `ns/service:name`: what hops refer to. */
  key: z.string(),
  namespace: z.string(),
  workload: z.string().optional(),
  app: z.string().optional(),
  version: z.string().optional(),
  service: z.string().optional(),
});
export type TraceNodeRef = z.infer<typeof traceNodeRefSchema>;

export const traceHopSchema = z.object({
  from: z.string(),
  to: z.string(),
  error: z.boolean(),
  /** The client span's answer: its code (0: none) and flags. */
  httpCode: z.number().optional(),
  responseFlags: z.string().optional(),
});
export type TraceHop = z.infer<typeof traceHopSchema>;

export const tracePathSchema = z.object({ nodes: z.array(traceNodeRefSchema), hops: z.array(traceHopSchema) });
export type TracePath = z.infer<typeof tracePathSchema>;

export const traceDetailSchema = z.object({
  traceId: z.string(),
  startMs: z.number(),
  durationMs: z.number(),
  /** Depth-first from the roots, children by start time: the waterfall's rows in order. */
  spans: z.array(traceSpanSchema),
  errorSpans: z.number(),
  requestId: z.string().optional(),
  path: tracePathSchema,
});
export type TraceDetail = z.infer<typeof traceDetailSchema>;
