/**
 * What Prometheus says about one edge over a window, for the flag explainer:
 * - the requests/s per reporter, response code and flags (`istio_requests_total`), turned
 *   into shares (%) of the edge's requests as one proxy saw them — the caller's, where
 *   overflow, faults, timeouts and missing routes happen, unless only the callee reported;
 * - the caller proxy's request durations summed per second
 *   (`istio_request_duration_milliseconds_sum`): by Little's law, the mean number of requests
 *   in flight, and with the rate the mean duration;
 * - the callee's own p99, from its proxy's inbound histogram.
 * Four instant queries, built with the one PromQL builder (label values escaped there).
 */
import "server-only";
import type { EdgeObservations, FlagExplanationQuery } from "@/lib/contracts/flag-explanation";
import { divide, histogramQuantile, selector, sumRate, type LabelMatcher } from "@/server/adapters/prometheus/promql";
import type { PromSample } from "@/server/adapters/prometheus";
import type { FlagShare } from "./explain-flags-types";

export type QueryPrometheus = (promql: string, time: Date) => Promise<PromSample[]>;

export const eq = (label: string, value: string): LabelMatcher => ({ label, op: "=", value });

/** The edge as label matchers: the caller by workload or canonical app/version, the callee by service. */
export function edgeMatchers(query: FlagExplanationQuery): LabelMatcher[] {
  const m = [eq("source_workload_namespace", query.sourceNamespace)];
  if (query.sourceWorkload) m.push(eq("source_workload", query.sourceWorkload));
  if (query.sourceApp) m.push(eq("source_canonical_service", query.sourceApp));
  if (query.sourceVersion) m.push(eq("source_canonical_revision", query.sourceVersion));
  m.push(eq("destination_service_namespace", query.namespace), eq("destination_service_name", query.destService));
  if (query.destVersion) m.push(eq("destination_canonical_revision", query.destVersion));
  return m;
}

export function flagQueries(query: FlagExplanationQuery) {
  const edge = edgeMatchers(query);
  const source = [...edge, eq("reporter", "source")];
  const callee = [
    eq("reporter", "destination"),
    eq("destination_service_namespace", query.namespace),
    eq("destination_service_name", query.destService),
  ];
  const w = query.duration;
  return {
    shares: sumRate(selector("istio_requests_total", edge), w, ["reporter", "response_code", "response_flags"]),
    inFlight: `${sumRate(selector("istio_request_duration_milliseconds_sum", source), w)} / 1000`,
    meanDuration: divide(
      sumRate(selector("istio_request_duration_milliseconds_sum", source), w),
      sumRate(selector("istio_request_duration_milliseconds_count", source), w),
    ),
    calleeP99: histogramQuantile(0.99, selector("istio_request_duration_milliseconds_bucket", callee), w),
  };
}

const finite = (samples: PromSample[]) => {
  const v = samples[0]?.value;
  return v !== undefined && Number.isFinite(v) ? v : undefined;
};

/** A series' response code and flags as the rules read them: no response (code 0 or none) is "-", as no flag is. */
export const codeAndFlagOf = (labels: Record<string, string>) => ({
  code: labels.response_code === "0" || !labels.response_code ? "-" : labels.response_code,
  flag: labels.response_flags || "-",
});

export interface EdgeTelemetry {
  shares: FlagShare[];
  observed: EdgeObservations;
}

export async function readEdgeTelemetry(
  queryPrometheus: QueryPrometheus,
  query: FlagExplanationQuery,
  time: Date,
): Promise<EdgeTelemetry> {
  const q = flagQueries(query);
  const [rows, inFlight, meanDuration, calleeP99] = await Promise.all([
    queryPrometheus(q.shares, time),
    queryPrometheus(q.inFlight, time),
    queryPrometheus(q.meanDuration, time),
    queryPrometheus(q.calleeP99, time),
  ]);
  const bySource = rows.filter((r) => r.labels.reporter === "source");
  const reporter = bySource.some((r) => r.value > 0) ? "source" : "destination";
  const used = reporter === "source" ? bySource : rows.filter((r) => r.labels.reporter === "destination");
  const total = used.reduce((sum, r) => sum + r.value, 0);
  const shares = total
    ? used
        .filter((r) => r.value > 0)
        .map((r) => ({
          ...codeAndFlagOf(r.labels),
          percent: (r.value / total) * 100,
        }))
    : [];
  const concurrency = reporter === "source" ? finite(inFlight) : undefined;
  const mean = reporter === "source" ? finite(meanDuration) : undefined;
  const p99 = finite(calleeP99);
  return {
    shares,
    observed: {
      reporter,
      requestRate: total,
      ...(mean !== undefined ? { meanDurationMs: mean } : {}),
      ...(concurrency !== undefined && total > 0 ? { concurrency } : {}),
      ...(p99 !== undefined ? { calleeP99Ms: p99 } : {}),
    },
  };
}
