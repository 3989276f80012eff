/**
 * GET /api/namespaces/{namespace}/graph/explain — why an edge's requests carry the Envoy
 * response flags they carry (issue 22, "response-flag explainer"). The path's namespace is
 * the called service's; the caller is named as the edge logs API names a node (`sourceWorkload`,
 * or `sourceApp` with `sourceVersion`, lib/contracts/logs.ts). The answer lists, per flag of
 * the window, its share of the edge's requests, the likely cause in the current config in
 * words, the config fields that cause it (with the line the editor shows them on), who last
 * set those fields (the audit log), and the observed figures the cause was judged by.
 * Topsail's own endpoint: figures are numbers.
 */
import { z } from "zod";
import { edgeNodeSchema } from "./logs";
import { graphQuerySchema } from "./graph";

const optionalName = z
  .string()
  .trim()
  .max(253)
  .optional()
  .transform((v) => (v === "" ? undefined : v));

export const flagExplanationQuerySchema = z.object({
  sourceNamespace: z.string({ error: "sourceNamespace is required: the caller's namespace" }).trim().min(1).max(63),
  sourceWorkload: optionalName,
  sourceApp: optionalName,
  sourceVersion: optionalName,
  destService: z.string({ error: "destService is required: the called service's name" }).trim().min(1).max(253),
  /** Only the requests a version of the service answered (a versioned-app edge); client-answered ones have none. */
  destVersion: optionalName,
  duration: graphQuerySchema.shape.duration,
  queryTime: graphQuerySchema.shape.queryTime,
});
/** A parsed query: the path's namespace (the called service's) and the parameters, absent ones left out. */
export interface FlagExplanationQuery {
  namespace: string;
  sourceNamespace: string;
  sourceWorkload?: string;
  sourceApp?: string;
  sourceVersion?: string;
  destService: string;
  destVersion?: string;
  /** Window, seconds. */
  duration: number;
  /** End of the window, unix seconds; absent: now. */
  queryTime?: number;
}

export type FlagExplanationQueryParseResult =
  { ok: true; query: FlagExplanationQuery } | { ok: false; message: string };

/** Parses the route's namespace and URLSearchParams; empty values count as absent. */
export function parseFlagExplanationQuery(namespace: string, params: URLSearchParams): FlagExplanationQueryParseResult {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  const parsed = flagExplanationQuerySchema.safeParse(raw);
  const ns = edgeNodeSchema.shape.namespace.safeParse(namespace);
  if (!ns.success) return { ok: false, message: "the namespace in the path is empty" };
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  return { ok: true, query: { ...parsed.data, namespace: ns.data } };
}

/** The URL of an explanation, for lib/queries (defaults left out). */
export function flagExplanationUrl(query: FlagExplanationQuery): string {
  const params = new URLSearchParams({ sourceNamespace: query.sourceNamespace, destService: query.destService });
  for (const key of ["sourceWorkload", "sourceApp", "sourceVersion", "destVersion"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  params.set("duration", `${query.duration}s`);
  if (query.queryTime !== undefined) params.set("queryTime", String(query.queryTime));
  return `/api/namespaces/${encodeURIComponent(query.namespace)}/graph/explain?${params}`;
}

/** Who last set a cause's field, from the audit log. */
export const causeChangeSchema = z.object({
  auditId: z.string(),
  actor: z.string(),
  /** Where the change came from (the console's editor or wizards, or `external`: kubectl, GitOps). */
  source: z.string(),
  /** ISO 8601. */
  at: z.string(),
});
export type CauseChange = z.infer<typeof causeChangeSchema>;

/** One config field behind a flag: the object, the field's path (as validation checks write it) and its line. */
export const flagCauseSchema = z.object({
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  path: z.string(),
  /** What the field says, as written ("1", "0.5s", "503 for 100%"). */
  value: z.string(),
  /** 1-based line of the path in the YAML the editor opens; null when it could not be placed. */
  line: z.number().int().positive().nullable(),
  /** The newest audit entry that set the field to what it is now; absent when the log does not say. */
  change: causeChangeSchema.optional(),
});
export type FlagCause = z.infer<typeof flagCauseSchema>;

export const flagFigureSchema = z.object({ label: z.string(), value: z.string() });
export type FlagFigure = z.infer<typeof flagFigureSchema>;

export const flagExplanationSchema = z.object({
  flag: z.string(),
  /** The response code the flag came with ("-" for no response). */
  code: z.string(),
  /** Share of the edge's requests with this code and flag, %. */
  percent: z.number(),
  /** What Envoy means by the flag. */
  meaning: z.string(),
  /** Whether the current config explains the flag (false: the words say what else to look at). */
  explained: z.boolean(),
  /** The likely cause, sentence by sentence. */
  because: z.array(z.string()),
  causes: z.array(flagCauseSchema),
  /** The observed figures the cause was judged by, in words ("Observed concurrency": "1.22 …"). */
  figures: z.array(flagFigureSchema),
});
export type FlagExplanation = z.infer<typeof flagExplanationSchema>;

export const edgeObservationsSchema = z.object({
  /** Which proxy's reports the shares come from: the caller's (`source`) unless it has none. */
  reporter: z.enum(["source", "destination"]),
  /** Requests/s over the window. */
  requestRate: z.number(),
  /** Mean request duration at the caller's proxy, ms. */
  meanDurationMs: z.number().optional(),
  /** Requests in flight at the caller's proxy on average (Little's law: rate × mean duration). */
  concurrency: z.number().optional(),
  /** The callee's own p99 (its proxy's inbound duration), ms. */
  calleeP99Ms: z.number().optional(),
});
export type EdgeObservations = z.infer<typeof edgeObservationsSchema>;

export const flagExplanationResponseSchema = z.object({
  namespace: z.string(),
  service: z.string(),
  /** End of the window, unix seconds, and its length. */
  timestamp: z.number().int(),
  duration: z.number().int(),
  observed: edgeObservationsSchema,
  /** Error flags first, largest share first. Flags without error meaning (`-` with 2xx) are left out. */
  flags: z.array(flagExplanationSchema),
  /** Set when part of the answer could not be read (the audit log), so the page can say so. */
  notes: z.array(z.string()),
});
export type FlagExplanationResponse = z.infer<typeof flagExplanationResponseSchema>;
