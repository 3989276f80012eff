/**
 * Runs a metrics tab's chart queries (in parallel, one range query each) and reshapes the
 * matrices into named series. A chart whose query fails carries its error; the others
 * still show. Prometheus is passed in, so this is unit-tested with recorded answers.
 */
import "server-only";
import type { MetricChart, MetricDirection, MetricsResponse, MetricSeries } from "@/lib/contracts/metrics";
import type { PrometheusClient, RangeSeries } from "@/server/adapters/prometheus";
import { PrometheusError, TopsailError } from "@/server/errors";
import { buildChartQueries, metricsResolution, type ChartQuery, type MetricTarget } from "./metric-queries";

/** What a legend shows for a label value Istio leaves empty. */
const shown = (value: string | undefined) => (value === undefined || value === "" ? "unknown" : value);

export function seriesName(labels: Record<string, string>, seriesLabels: readonly string[]): string {
  return seriesLabels.length === 0 ? "all" : seriesLabels.map((l) => shown(labels[l])).join(" · ");
}

export function toMetricSeries(series: RangeSeries[], query: ChartQuery): MetricSeries[] {
  return series
    .map((s) => ({
      name: seriesName(s.labels, query.seriesLabels),
      labels: s.labels,
      // NaN (0/0 in a step without requests) and ±Inf are "no value", not a number to draw.
      points: s.points.map((p): [number, number | null] => [p.time, Number.isFinite(p.value) ? p.value : null]),
    }))
    .filter((s) => s.points.some(([, v]) => v !== null))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

export interface ReadChartsRequest {
  target: MetricTarget;
  direction: MetricDirection;
  rangeSeconds: number;
}

export async function readCharts(
  prometheus: Pick<PrometheusClient, "queryRange">,
  request: ReadChartsRequest,
  now: Date,
): Promise<MetricsResponse> {
  const { stepSeconds, rateWindowSeconds } = metricsResolution(request.rangeSeconds);
  const queries = buildChartQueries(request.target, request.direction, rateWindowSeconds);
  if (!queries)
    throw new TopsailError(
      "bad_request",
      `A ${request.target.kind.replace(/s$/, "")} has no ${request.direction} metrics.`,
    );
  // Align to the step so refreshes within a step ask the same question.
  const end = Math.floor(now.getTime() / 1000 / stepSeconds) * stepSeconds;
  const start = end - request.rangeSeconds;
  const range = { start: new Date(start * 1000), end: new Date(end * 1000), stepSeconds };
  const answers = await Promise.allSettled(queries.map((q) => prometheus.queryRange(q.promql, range)));
  const unavailable = answers.find(
    (a) => a.status === "rejected" && a.reason instanceof PrometheusError && a.reason.code === "prometheus_unavailable",
  );
  // Prometheus down is one error for the whole tab, not seven identical ones.
  if (unavailable?.status === "rejected") throw unavailable.reason;
  const charts: MetricChart[] = queries.map((q, i) => {
    const answer = answers[i];
    const base = { id: q.id, title: q.title, unit: q.unit };
    if (!answer || answer.status === "rejected") {
      return {
        ...base,
        series: [],
        error: answer?.reason instanceof Error ? answer.reason.message : "The query failed.",
      };
    }
    return { ...base, series: answer.value.kind === "matrix" ? toMetricSeries(answer.value.series, q) : [] };
  });
  return { direction: request.direction, start, end, stepSeconds, charts };
}
