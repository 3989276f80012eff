/**
 * Runs the namespace queries (all namespaces, all queries in parallel) and reshapes the
 * samples into de-duplicated traffic and response-time rows.
 */
import "server-only";
import type { ResponseTimeStat } from "@/lib/contracts/graph";
import { dedupeResponseTimes, dedupeTrafficRows } from "./dedupe-edges";
import { buildNamespaceQueries, type GraphQuery } from "./graph-queries";
import type { GraphSources } from "./graph-sources";
import { RowReader, type ResponseTimeRow, type TrafficRow } from "./traffic-row";

export interface Telemetry {
  rows: TrafficRow[];
  responseTimes: ResponseTimeRow[];
}

const reportedFirst = (q: GraphQuery): number => (q.reporter === "destination" ? 0 : 1);

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
  // Destination-reported answers first: the reader then skips the source's copies of
  // requests a destination already reported (see RowReader.trafficRow).
  const order = queries.map((_, i) => i);
  order.sort((a, b) => reportedFirst(queries[a] as GraphQuery) - reportedFirst(queries[b] as GraphQuery) || a - b);
  for (const i of order) {
    const q = queries[i] as GraphQuery;
    for (const sample of answers[i] ?? []) {
      if (q.kind === "responseTime") {
        responseTimes.push(reader.responseTimeRow(sample, q.reporter));
        continue;
      }
      // A zero rate is a series that existed earlier but saw nothing in this window.
      if (!(sample.value > 0)) continue;
      const row = reader.trafficRow(sample, q.reporter, q.kind === "tcp");
      if (row) rows.push(row);
    }
  }
  return { rows: dedupeTrafficRows(rows), responseTimes: dedupeResponseTimes(responseTimes) };
}
