/**
 * One explanation of an edge's or a node's response flags from its sources: the telemetry of
 * the window, the current config, then the audit entries of the objects the rules blamed (only
 * those, so the log is read for a handful of objects). Sources are passed in;
 * explain-flags-live.ts wires the real ones.
 */
import "server-only";
import type {
  FlagExplanationQuery,
  FlagExplanationResponse,
  NodeFlagExplanationQuery,
  NodeFlagExplanationResponse,
} from "@/lib/contracts/flag-explanation";
import { TopsailError } from "@/server/errors";
import type { ValidationContext } from "@/server/validation/context";
import { explainFlags, type ExplainedFlag } from "./explain-flags";
import { finishExplanations, keyOfObject, type AuditFact } from "./explain-flags-finish";
import { explainInboundFlags } from "./explain-flags-node";
import { readNodeTelemetry } from "./explain-flags-node-telemetry";
import { readEdgeTelemetry, type QueryPrometheus } from "./explain-flags-telemetry";

export interface FlagExplainerSources {
  queryPrometheus: QueryPrometheus;
  /** The whole cluster's config, as validation reads it (a VirtualService elsewhere may route the host). */
  loadContext(): Promise<ValidationContext>;
  /** Applied audit entries of one object, newest first. */
  auditEntriesOf(ref: { kind: string; namespace: string; name: string }): Promise<AuditFact[]>;
}

const windowEnd = (queryTime: number | undefined, now: Date) =>
  queryTime !== undefined ? new Date(queryTime * 1000) : now;

async function loadNamespaceContext(sources: FlagExplainerSources, namespace: string) {
  const context = await sources.loadContext();
  if (!context.namespaces.includes(namespace))
    throw new TopsailError("not_found", `There is no namespace ${namespace}.`);
  return context;
}

/** Each blamed field on its line, with who set it; a note instead of the history when the log cannot be read. */
async function withHistory<T extends ExplainedFlag>(sources: FlagExplainerSources, explained: readonly T[]) {
  const objects = new Map(explained.flatMap((e) => e.causes.map((c) => [keyOfObject(c.object), c.object] as const)));
  const notes: string[] = [];
  const changes = new Map<string, AuditFact[]>();
  try {
    await Promise.all(
      [...objects].map(async ([key, o]) =>
        changes.set(
          key,
          await sources.auditEntriesOf({
            kind: o.kind,
            namespace: o.metadata.namespace ?? "",
            name: o.metadata.name ?? "",
          }),
        ),
      ),
    );
  } catch (error) {
    // The explanation stands without the history: say why "who set it" is missing.
    notes.push(
      `The audit log could not be read (${error instanceof Error ? error.message : String(error)}): who set each field is not shown.`,
    );
    changes.clear();
  }
  return { flags: finishExplanations(explained, changes), notes };
}

export async function explainEdgeFlags(
  sources: FlagExplainerSources,
  query: FlagExplanationQuery,
  now: Date,
): Promise<FlagExplanationResponse> {
  const time = windowEnd(query.queryTime, now);
  const [telemetry, context] = await Promise.all([
    readEdgeTelemetry(sources.queryPrometheus, query, time),
    loadNamespaceContext(sources, query.namespace),
  ]);
  const explained = explainFlags({
    sourceNamespace: query.sourceNamespace,
    namespace: query.namespace,
    service: query.destService,
    shares: telemetry.shares,
    observed: telemetry.observed,
    context,
  });
  return {
    namespace: query.namespace,
    service: query.destService,
    timestamp: Math.floor(time.getTime() / 1000),
    duration: query.duration,
    observed: telemetry.observed,
    ...(await withHistory(sources, explained)),
  };
}

export async function explainNodeFlags(
  sources: FlagExplainerSources,
  query: NodeFlagExplanationQuery,
  now: Date,
): Promise<NodeFlagExplanationResponse> {
  const { node } = query;
  const time = windowEnd(query.queryTime, now);
  const [telemetry, context] = await Promise.all([
    readNodeTelemetry(sources.queryPrometheus, node, query.duration, time),
    loadNamespaceContext(sources, node.namespace),
  ]);
  const explained = explainInboundFlags(telemetry, context);
  return {
    namespace: node.namespace,
    kind: node.kind,
    name: node.name,
    ...(node.kind === "app" && node.version ? { version: node.version } : {}),
    timestamp: Math.floor(time.getTime() / 1000),
    duration: query.duration,
    requestRate: explained.requestRate,
    ...(await withHistory(sources, explained.flags)),
  };
}
