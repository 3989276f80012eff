/**
 * GET /api/namespaces/{namespace}/graph/explain — why an edge's requests carry the Envoy
 * response flags they carry (issue 22, "response-flag explainer"). The path's namespace is
 * the called service's; the caller is named as the edge logs API names a node (`sourceWorkload`,
 * or `sourceApp` with `sourceVersion`, lib/contracts/logs.ts). The answer lists, per flag of
 * the window, its share of the edge's requests, the likely cause in the current config in
 * words, the config fields that cause it (with the line the editor shows them on), who last
 * set those fields (the audit log), and the observed figures the cause was judged by.
 * Topsail's own endpoint: figures are numbers.
 *
 * GET /api/namespaces/{namespace}/graph/explain-node — the same for a node (a service, an app
 * or one version of it, a workload; named as node graphs name them, lib/contracts/node-graph.ts):
 * every flag of everything the node received from all its callers, its share of the node's
 * inbound requests, and per flag which callers (which edges) the share came from, so the page
 * can open the edge's own explanation. Additive: the edge's query and answer are unchanged.
 */
import { z } from "zod";
import { edgeNodeSchema } from "./logs";
import { graphQuerySchema } from "./graph";
import { objectNameSchema } from "./inventory";
import { versionLabelSchema, type GraphNodeTarget } from "./node-graph";

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

/** A node's query: which node (`version` only for an app: one version of it) and the graph's window. */
export const nodeFlagExplanationQuerySchema = z
  .object({
    kind: z.enum(["service", "app", "workload"], { error: "kind is required: service, app or workload" }),
    name: z.string({ error: "name is required: the service's, app's or workload's name" }).pipe(objectNameSchema),
    version: versionLabelSchema.optional(),
    duration: graphQuerySchema.shape.duration,
    queryTime: graphQuerySchema.shape.queryTime,
  })
  .refine((q) => q.version === undefined || q.kind === "app", {
    message: "version is only for kind=app (one version of an app)",
  });

export interface NodeFlagExplanationQuery {
  node: GraphNodeTarget;
  /** Window, seconds. */
  duration: number;
  /** End of the window, unix seconds; absent: now. */
  queryTime?: number;
}

export type NodeFlagExplanationQueryParseResult =
  { ok: true; query: NodeFlagExplanationQuery } | { ok: false; message: string };

/** Parses the route's namespace (the node's) and URLSearchParams; empty values count as absent. */
export function parseNodeFlagExplanationQuery(
  namespace: string,
  params: URLSearchParams,
): NodeFlagExplanationQueryParseResult {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  const ns = edgeNodeSchema.shape.namespace.safeParse(namespace);
  if (!ns.success) return { ok: false, message: "the namespace in the path is empty" };
  const parsed = nodeFlagExplanationQuerySchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      // The shared field schemas say "must be …" without the field's name: the message names it.
      message: parsed.error.issues
        .map((i) => (i.message.startsWith("must") ? `${i.path.join(".")} ${i.message}` : i.message))
        .join("; "),
    };
  const { kind, name, version, duration, queryTime } = parsed.data;
  const node: GraphNodeTarget =
    kind === "app"
      ? { kind, namespace: ns.data, name, ...(version ? { version } : {}) }
      : { kind, namespace: ns.data, name };
  return { ok: true, query: { node, duration, ...(queryTime !== undefined ? { queryTime } : {}) } };
}

/** The URL of a node's explanation, for lib/queries. */
export function nodeFlagExplanationUrl(query: NodeFlagExplanationQuery): string {
  const { node } = query;
  const params = new URLSearchParams({ kind: node.kind, name: node.name });
  if (node.kind === "app" && node.version) params.set("version", node.version);
  params.set("duration", `${query.duration}s`);
  if (query.queryTime !== undefined) params.set("queryTime", String(query.queryTime));
  return `/api/namespaces/${encodeURIComponent(node.namespace)}/graph/explain-node?${params}`;
}

/** One caller of a node (a workload, with the app and version its telemetry names) through one service. */
export const flagCallerSchema = z.object({
  namespace: z.string(),
  /** `unknown` for a caller without a proxy (outside the mesh): its requests are the callee's reports. */
  workload: z.string(),
  app: z.string().optional(),
  version: z.string().optional(),
  /** The service the caller called the node through. */
  service: z.object({ namespace: z.string(), name: z.string() }),
  /** Share of the node's inbound requests that are this caller's with this code and flag, %. */
  percent: z.number(),
});
export type FlagCaller = z.infer<typeof flagCallerSchema>;

/** A flag of a node: the edge's explanation over all callers, and which callers the share came from (largest first). */
export const nodeFlagExplanationSchema = flagExplanationSchema.extend({ callers: z.array(flagCallerSchema) });
export type NodeFlagExplanation = z.infer<typeof nodeFlagExplanationSchema>;

export const nodeFlagExplanationResponseSchema = z.object({
  namespace: z.string(),
  kind: z.enum(["service", "app", "workload"]),
  name: z.string(),
  version: z.string().optional(),
  timestamp: z.number().int(),
  duration: z.number().int(),
  /** The node's inbound requests/s, each caller's as its own proxy saw them (the callee's proxy without one). */
  requestRate: z.number(),
  /** Error flags first, largest share of the node's inbound requests first; `percent` is of those requests. */
  flags: z.array(nodeFlagExplanationSchema),
  notes: z.array(z.string()),
});
export type NodeFlagExplanationResponse = z.infer<typeof nodeFlagExplanationResponseSchema>;
