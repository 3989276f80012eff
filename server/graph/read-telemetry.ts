/**
 * Runs the namespace queries (all namespaces, all queries in parallel) and reshapes the
 * samples into de-duplicated traffic and response-time rows.
 */
import "server-only";
import type { ResponseTimeStat } from "@/lib/contracts/graph";
import { dedupeResponseTimes, dedupeTrafficRows } from "./dedupe-edges";
import { buildNamespaceQueries } from "./graph-queries";
import type { GraphSources } from "./graph-sources";
import { readRows, type Answer, type ResponseTimeRow, type TrafficRow } from "./traffic-row";

export interface Telemetry {
  rows: TrafficRow[];
  responseTimes: ResponseTimeRow[];
}

export async function readTelemetry(
  sources: Pick<GraphSources, "queryPrometheus">,
  namespaces: readonly string[],
  window: { seconds: number; end: Date },
  responseTime: ResponseTimeStat,
): Promise<Telemetry> {
  const queries = namespaces.flatMap((ns) => buildNamespaceQueries(ns, window.seconds, responseTime));
  const answers = await Promise.all(queries.map((q) => sources.queryPrometheus(q.promql, window.end)));
  const byReporter: Record<"destination" | "source", Answer[]> = { destination: [], source: [] };
  queries.forEach((q, i) => byReporter[q.reporter].push({ kind: q.kind, samples: answers[i] ?? [] }));
  const { rows, responseTimes } = readRows(byReporter);
  return { rows: dedupeTrafficRows(rows), responseTimes: dedupeResponseTimes(responseTimes) };
}
