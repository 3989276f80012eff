/**
 * Runs the namespace queries (all namespaces, all queries in parallel) and reshapes the
 * samples into de-duplicated traffic and response-time rows.
 */
import "server-only";
import type { ResponseTimeStat } from "@/lib/contracts/graph";
import { dedupeResponseTimes, dedupeTrafficRows } from "./dedupe-edges";
import { buildNamespaceQueries } from "./graph-queries";
import type { GraphSources } from "./graph-sources";
import { RowReader, type ResponseTimeRow, type TrafficRow } from "./traffic-row";

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
  const reader = new RowReader();
  const rows: TrafficRow[] = [];
  const responseTimes: ResponseTimeRow[] = [];
  queries.forEach((q, i) => {
    for (const sample of answers[i] ?? []) {
      if (q.kind === "responseTime") responseTimes.push(reader.responseTimeRow(sample, q.reporter));
      // A zero rate is a series that existed earlier but saw nothing in this window.
      else if (sample.value > 0) rows.push(reader.trafficRow(sample, q.reporter, q.kind === "tcp"));
    }
  });
  return { rows: dedupeTrafficRows(rows), responseTimes: dedupeResponseTimes(responseTimes) };
}
