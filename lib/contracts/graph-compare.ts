/**
 * GET /api/namespaces/graph/compare — two windows of the same graph side by side: what
 * appeared, what vanished and what changed between a window ending at `before` and one
 * ending at `after` (both `duration` long). Topsail's own endpoint (Kiali has no graph
 * comparison), so figures are numbers, not Kiali's strings. The significance thresholds
 * are in lib/graph-compare/thresholds.ts and are echoed in every answer, so an exported
 * JSON says by which rules its edges were called significant.
 */
import { z } from "zod";
import { graphQuerySchema, graphResponseSchema, graphTypeSchema, protocolSchema } from "./graph";

const unixSeconds = (name: string) =>
  z
    .string({ error: `${name} is required: unix seconds (a whole number), the end of that window` })
    .regex(/^\d{1,12}$/, { error: `${name} must be unix seconds (a whole number), the end of that window` })
    .transform(Number);

/** The URL parameters: the graph's own `namespaces`, `graphType` and `duration`, and the two window ends. */
export const graphCompareQuerySchema = graphQuerySchema
  .pick({ namespaces: true, graphType: true, duration: true })
  .extend({
    before: unixSeconds("before"),
    after: unixSeconds("after"),
    /** With `graphs=true` the answer carries both graphs too (the page draws them); the export leaves them out. */
    graphs: z
      .enum(["true", "false"], { error: "graphs must be true or false" })
      .transform((v) => v === "true")
      .default(false),
  })
  .refine((q) => q.after > q.before, {
    error: "after must be later than before (both are window ends)",
    // Only once both ends parsed: a malformed end is reported once, by its own message.
    when: (payload) => payload.issues.length === 0,
  });
export type GraphCompareQuery = z.output<typeof graphCompareQuerySchema>;

export type GraphCompareQueryParseResult = { ok: true; query: GraphCompareQuery } | { ok: false; message: string };

/** Parses URLSearchParams; empty values count as absent, as for the graph itself. */
export function parseGraphCompareQuery(params: URLSearchParams): GraphCompareQueryParseResult {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  const parsed = graphCompareQuerySchema.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
}

/** The URL parameters for a comparison, for lib/queries and the page's JSON download. */
export function formatGraphCompareQuery(
  query: Omit<GraphCompareQuery, "graphs"> & { graphs?: boolean },
): URLSearchParams {
  const params = new URLSearchParams({
    namespaces: [...query.namespaces].sort().join(","),
    graphType: query.graphType,
    duration: `${query.duration}s`,
    before: String(query.before),
    after: String(query.after),
  });
  if (query.graphs) params.set("graphs", "true");
  return params;
}

export const edgeChangeStatuses = ["new", "vanished", "changed", "unchanged"] as const;
export type EdgeChangeStatus = (typeof edgeChangeStatuses)[number];

/**
 * What made an edge's change significant, one per rule of thresholds.ts. `tone` says how an
 * on-call reads it: `worse` (errors, latency, lost mTLS), `better`, or `shift` (traffic
 * moved: neither good nor bad by itself).
 */
export const findingKinds = [
  "new",
  "vanished",
  "rate",
  "share",
  "errors",
  "responseTime",
  "responseCodes",
  "flags",
  "mtls",
] as const;
export const findingSchema = z.object({
  kind: z.enum(findingKinds),
  tone: z.enum(["worse", "better", "shift"]),
  /** One line an SRE can read: "error rate 0.0% → 12.5% (+12.5 points)". */
  text: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const compareNodeRefSchema = z.object({
  id: z.string(),
  /** "reviews v2", "productpage-v1": as the graph page titles the node. */
  name: z.string(),
  namespace: z.string(),
});
export type CompareNodeRef = z.infer<typeof compareNodeRefSchema>;

/** One window's figures for an edge (rates per second, shares in %, times in ms). */
export const edgeFiguresSchema = z.object({
  rate: z.number(),
  /** Share of what the source sends to the same service (the canary split), %. */
  percentReqOfService: z.number(),
  errorPct: z.number(),
  /** The graph's response time statistic (p95), when the edge has one. */
  responseTimeMs: z.number().optional(),
  mtlsPct: z.number().optional(),
  /** Response keys seen ("200", "503", "-" for no response; gRPC status for gRPC). */
  codes: z.array(z.string()),
  /** Envoy response flags seen ("UO", "UH", …; "-" left out). */
  flags: z.array(z.string()),
});
export type EdgeFigures = z.infer<typeof edgeFiguresSchema>;

export const edgeComparisonSchema = z.object({
  /** The edge's id in the graph it is drawn from: the after graph, or the before one for a vanished edge. */
  id: z.string(),
  source: compareNodeRefSchema,
  target: compareNodeRefSchema,
  protocol: protocolSchema,
  status: z.enum(edgeChangeStatuses),
  before: edgeFiguresSchema.optional(),
  after: edgeFiguresSchema.optional(),
  /** after − before; a missing side counts as zero traffic. */
  delta: z.object({
    rate: z.number(),
    /** Relative change of the rate, %; absent when the edge had no traffic before. */
    ratePct: z.number().optional(),
    percentReqOfService: z.number(),
    errorPct: z.number(),
    responseTimeMs: z.number().optional(),
    mtlsPct: z.number().optional(),
  }),
  newCodes: z.array(z.string()),
  newFlags: z.array(z.string()),
  /** Why the change is significant; empty for an unchanged edge. */
  findings: z.array(findingSchema),
});
export type EdgeComparison = z.infer<typeof edgeComparisonSchema>;

export const compareThresholdsSchema = z.object({
  minRate: z.number(),
  ratePct: z.number(),
  sharePoints: z.number(),
  errorPoints: z.number(),
  responseTimePct: z.number(),
  responseTimeMs: z.number(),
  mtlsPoints: z.number(),
});
export type CompareThresholds = z.infer<typeof compareThresholdsSchema>;

export const graphComparisonSchema = z.object({
  graphType: graphTypeSchema,
  /** Length of each window, seconds. */
  duration: z.number().int(),
  /** Ends of the two windows, unix seconds. */
  before: z.number().int(),
  after: z.number().int(),
  thresholds: compareThresholdsSchema,
  summary: z.object({ new: z.number(), vanished: z.number(), changed: z.number(), unchanged: z.number() }),
  /** Every edge of either window: new, vanished and changed first, the largest moves first. */
  edges: z.array(edgeComparisonSchema),
  nodes: z.object({ new: z.array(compareNodeRefSchema), vanished: z.array(compareNodeRefSchema) }),
  /** Both graphs, when asked for with `graphs=true`. */
  graphs: z.object({ before: graphResponseSchema, after: graphResponseSchema }).optional(),
});
export type GraphComparison = z.infer<typeof graphComparisonSchema>;
