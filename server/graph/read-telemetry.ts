/**
 * Runs the namespace queries (all namespaces, all queries in parallel), or a node graph's
 * (`options.node`), and reshapes the samples into de-duplicated traffic, response-time and
 * throughput rows.
 */
import "server-only";
import type { PromSample } from "@/server/adapters/prometheus";
import { dedupeEdgeFigures, dedupeTrafficRows } from "./dedupe-edges";
import type { GraphNodeTarget } from "@/lib/contracts/node-graph";
import { buildNamespaceQueries, buildNodeQueries, type QueryOptions } from "./graph-queries";
import type { GraphSources } from "./graph-sources";
import { readRows, type Answer, type EdgeFigureRow, type TrafficRow } from "./traffic-row";

export interface Telemetry {
  rows: TrafficRow[];
  /** Milliseconds, the statistic the request asked for. */
  responseTimes: EdgeFigureRow[];
  /** HTTP/gRPC body bytes/s (request or response bodies, as the request asked). */
  throughputs: EdgeFigureRow[];
}

export async function readTelemetry(
  sources: Pick<GraphSources, "queryPrometheus">,
  namespaces: readonly string[],
  window: { seconds: number; end: Date },
  options: QueryOptions & { node?: GraphNodeTarget },
): Promise<Telemetry> {
  const queries = options.node
    ? buildNodeQueries(options.node, window.seconds, options)
    : namespaces.flatMap((ns) => buildNamespaceQueries(ns, window.seconds, options));
  const answers = await Promise.all(queries.map((q) => sources.queryPrometheus(q.promql, window.end)));
  // A "total" rate is two queries of one group: their samples are added series by series.
  const groups = new Map<string, { reporter: "source" | "destination"; answer: Answer }>();
  queries.forEach((q, i) => {
    const samples = answers[i] ?? [];
    const group = groups.get(q.group);
    if (group) group.answer = { kind: q.kind, samples: addSamples(group.answer.samples, samples) };
    else groups.set(q.group, { reporter: q.reporter, answer: { kind: q.kind, samples } });
  });
  const byReporter: Record<"destination" | "source", Answer[]> = { destination: [], source: [] };
  for (const { reporter, answer } of groups.values()) byReporter[reporter].push(answer);
  const { rows, responseTimes, throughputs } = readRows(byReporter);
  return {
    rows: dedupeTrafficRows(rows),
    responseTimes: dedupeEdgeFigures(responseTimes, "larger"),
    throughputs: dedupeEdgeFigures(throughputs, "destination"),
  };
}

const seriesKey = (labels: Record<string, string>) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join("\u0000");

/** Two answers as one: the values of the same series (same labels) added. */
function addSamples(a: readonly PromSample[], b: readonly PromSample[]): PromSample[] {
  const sum = new Map<string, PromSample>();
  for (const s of [...a, ...b]) {
    const key = seriesKey(s.labels);
    const seen = sum.get(key);
    sum.set(key, seen ? { labels: s.labels, value: seen.value + s.value } : s);
  }
  return [...sum.values()];
}
