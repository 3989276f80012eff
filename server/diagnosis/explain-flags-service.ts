/**
 * One explanation of an edge's response flags from its sources: the telemetry of the window,
 * the current config, then the audit entries of the objects the rules blamed (only those, so
 * the log is read for a handful of objects). Sources are passed in; explain-flags-live.ts
 * wires the real ones.
 */
import "server-only";
import type { FlagExplanationQuery, FlagExplanationResponse } from "@/lib/contracts/flag-explanation";
import { TopsailError } from "@/server/errors";
import type { ValidationContext } from "@/server/validation/context";
import { explainFlags } from "./explain-flags";
import { finishExplanations, keyOfObject, type AuditFact } from "./explain-flags-finish";
import { readEdgeTelemetry, type QueryPrometheus } from "./explain-flags-telemetry";

export interface FlagExplainerSources {
  queryPrometheus: QueryPrometheus;
  /** The whole cluster's config, as validation reads it (a VirtualService elsewhere may route the host). */
  loadContext(): Promise<ValidationContext>;
  /** Applied audit entries of one object, newest first. */
  auditEntriesOf(ref: { kind: string; namespace: string; name: string }): Promise<AuditFact[]>;
}

export async function explainEdgeFlags(
  sources: FlagExplainerSources,
  query: FlagExplanationQuery,
  now: Date,
): Promise<FlagExplanationResponse> {
  const time = query.queryTime !== undefined ? new Date(query.queryTime * 1000) : now;
  const [telemetry, context] = await Promise.all([
    readEdgeTelemetry(sources.queryPrometheus, query, time),
    sources.loadContext(),
  ]);
  if (!context.namespaces.includes(query.namespace))
    throw new TopsailError("not_found", `There is no namespace ${query.namespace}.`);
  const explained = explainFlags({
    sourceNamespace: query.sourceNamespace,
    namespace: query.namespace,
    service: query.destService,
    shares: telemetry.shares,
    observed: telemetry.observed,
    context,
  });
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
  return {
    namespace: query.namespace,
    service: query.destService,
    timestamp: Math.floor(time.getTime() / 1000),
    duration: query.duration,
    observed: telemetry.observed,
    flags: finishExplanations(explained, changes),
    notes,
  };
}
