/**
 * The logs API (issue 18): a workload's pod logs, its follow stream, and an edge's access-log
 * lines.
 *
 * - GET /api/logs/workloads/NS/WORKLOAD?pod=&container=&tailLines=&sinceSeconds=&search=&code=&flag=&direction=&peer=
 * - GET /api/logs/workloads/NS/WORKLOAD/follow?… (the same filters) → NDJSON of `FollowEvent`s
 * - GET /api/logs/edge?sourceNamespace=&sourceWorkload=&…&destNamespace=&destService=&…&code=&flag=
 */
import { z } from "zod";
import { accessLogEntrySchema, trafficDirections } from "@/lib/access-log";

/** The sidecar's container: its lines are Envoy's access log. */
export const PROXY_CONTAINER = "istio-proxy";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

/** A response code ("503"), or "-" for no response (code 0 in the access log). */
const codeParam = z
  .string()
  .regex(/^(\d{1,3}|-)$/, "code must be an HTTP status (e.g. 503) or - for no response")
  .optional();
/** An Envoy response flag ("FI", "UH"), or "-" for none. */
const flagParam = z
  .string()
  .regex(/^([A-Z]{1,5}|-)$/, "flag must be an Envoy response flag (e.g. FI, UH) or - for none")
  .optional();

/** What narrows the lines; a code, flag, direction or peer keeps access lines only. */
export const logFilterSchema = z.object({
  search: optionalText,
  code: codeParam,
  flag: flagParam,
  direction: z.enum(trafficDirections).optional(),
  /** A host the line talked to: authority, upstream service or address, downstream address. */
  peer: optionalText,
  /** Requests that took at least this long (%DURATION%, ms): the slow bucket of an edge. */
  minDurationMs: z.coerce.number().int().min(0, "minDurationMs must be a whole number of ms ≥ 0").optional(),
});
export type LogFilter = z.infer<typeof logFilterSchema>;

const windowParams = {
  tailLines: z.coerce.number().int().min(1).max(5000).default(500),
  sinceSeconds: z.coerce.number().int().min(1).max(86_400).optional(),
};

export const workloadLogsPathSchema = z.object({ namespace: z.string().min(1), workload: z.string().min(1) });

export const workloadLogsQuerySchema = logFilterSchema.extend({
  /** One pod of the workload; the first running one when absent. */
  pod: optionalText,
  /** One container, or every container of the pod (its app containers and istio-proxy) when absent. */
  container: optionalText,
  ...windowParams,
});
export type WorkloadLogsQuery = z.infer<typeof workloadLogsQuerySchema>;

export const logLineSchema = z.object({
  pod: z.string(),
  container: z.string(),
  /** The kubelet's time of the line, RFC3339 with nine fraction digits (so it sorts as text). */
  time: z.string(),
  text: z.string(),
  /** Set when the line is an Istio access-log line. */
  access: accessLogEntrySchema.optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const logPodSchema = z.object({
  name: z.string(),
  phase: z.string(),
  containers: z.array(z.string()),
  hasSidecar: z.boolean(),
});
export type LogPod = z.infer<typeof logPodSchema>;

/** Why some lines are missing: a container that could not be read, a pod without a sidecar. */
export const logNoticeSchema = z.object({
  code: z.enum(["no_sidecar", "container_unreadable", "no_pods"]),
  message: z.string(),
  pod: z.string().optional(),
  container: z.string().optional(),
});
export type LogNotice = z.infer<typeof logNoticeSchema>;

export const workloadLogsSchema = z.object({
  namespace: z.string(),
  workload: z.string(),
  pods: z.array(logPodSchema),
  /** The pod whose lines these are (undefined when the workload has no pod). */
  pod: z.string().optional(),
  containers: z.array(z.string()),
  lines: z.array(logLineSchema),
  notices: z.array(logNoticeSchema),
});
export type WorkloadLogs = z.infer<typeof workloadLogsSchema>;

/** One NDJSON line of the follow stream. */
export const followEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("line"), line: logLineSchema }),
  z.object({ type: z.literal("notice"), notice: logNoticeSchema }),
  /** A container's stream ended (it exited, or the API server closed it). */
  z.object({ type: z.literal("end"), container: z.string() }),
]);
export type FollowEvent = z.infer<typeof followEventSchema>;

/** A graph node as the edge panel knows it: its namespace plus whichever names it has. */
export const edgeNodeSchema = z.object({
  namespace: z.string().min(1),
  workload: optionalText,
  app: optionalText,
  version: optionalText,
  service: optionalText,
});
/** As written (every name optional); the parsed form has the same fields. */
export type EdgeNode = z.input<typeof edgeNodeSchema>;

const nodeFields = ["namespace", "workload", "app", "version", "service"] as const;
type NodeField = (typeof nodeFields)[number];
const capitalised = (f: NodeField) => `${f[0]!.toUpperCase()}${f.slice(1)}`;

/** The query's names of a node's fields: `sourceNamespace`, `destService`, … */
export function edgeNodeParamNames(side: "source" | "dest"): Record<NodeField, string> {
  return Object.fromEntries(nodeFields.map((f) => [f, `${side}${capitalised(f)}`])) as Record<NodeField, string>;
}

/** The edge logs page's and API's query string for an edge and a code/flag. */
export function edgeLogsSearch(edge: {
  source: EdgeNode;
  dest: EdgeNode;
  code?: string;
  flag?: string;
  minDurationMs?: number;
}): string {
  const params = new URLSearchParams();
  for (const side of ["source", "dest"] as const) {
    const names = edgeNodeParamNames(side);
    for (const f of nodeFields) {
      const value = edge[side][f];
      if (value) params.set(names[f], value);
    }
  }
  if (edge.code) params.set("code", edge.code);
  if (edge.flag) params.set("flag", edge.flag);
  if (edge.minDurationMs !== undefined) params.set("minDurationMs", String(edge.minDurationMs));
  return params.toString();
}

/** Reads the query string back (`searchParamsOf`-style plain object) into the edge query's shape. */
export function edgeLogsInput(params: Record<string, string | undefined>): Record<string, unknown> {
  const node = (side: "source" | "dest") => {
    const names = edgeNodeParamNames(side);
    return Object.fromEntries(nodeFields.map((f) => [f, params[names[f]]]));
  };
  return {
    source: node("source"),
    dest: node("dest"),
    code: params.code,
    flag: params.flag,
    minDurationMs: params.minDurationMs,
    search: params.search,
    tailLines: params.tailLines,
    sinceSeconds: params.sinceSeconds,
  };
}

export const edgeLogsQuerySchema = z.object({
  source: edgeNodeSchema,
  dest: edgeNodeSchema,
  code: codeParam,
  flag: flagParam,
  minDurationMs: logFilterSchema.shape.minDurationMs,
  search: optionalText,
  ...windowParams,
});
export type EdgeLogsQuery = z.infer<typeof edgeLogsQuerySchema>;

export const edgeLogLineSchema = logLineSchema.extend({
  /** Whose proxy wrote it: the source's (outbound) or the destination's (inbound). */
  side: z.enum(["source", "dest"]),
  /** The pod's workload, for links to its pages. */
  workload: z.string(),
  namespace: z.string(),
  access: accessLogEntrySchema,
});
export type EdgeLogLine = z.infer<typeof edgeLogLineSchema>;

export const edgeLogsSchema = z.object({
  /** The destination service hosts the source's outbound lines were matched against. */
  destHosts: z.array(z.string()),
  sourcePods: z.array(z.string()),
  destPods: z.array(z.string()),
  lines: z.array(edgeLogLineSchema),
  notices: z.array(logNoticeSchema),
});
export type EdgeLogs = z.infer<typeof edgeLogsSchema>;
