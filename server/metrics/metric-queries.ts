/**
 * The PromQL of a detail page's metrics tab: one range query per chart, assembled with the
 * Prometheus adapter's builders (label values escaped there). Which series an item's
 * charts read is data — the `targets` table says how inbound and outbound requests of an
 * application, a workload or a service are selected, `versionLabels` how they are split
 * "by version"; the chart list says what each chart computes.
 *
 * Inbound traffic is read from the destination proxy (reporter="destination"), outbound from
 * the source proxy (reporter="source"), as Kiali does, so each request is counted once.
 */
import "server-only";
import type { InventoryKind } from "@/lib/contracts/inventory";
import type { ChartId, ChartUnit, MetricDirection } from "@/lib/contracts/metrics";
import { errorLegend, errorRequestMatchers } from "@/lib/istio/response-classes";
import {
  divide,
  histogramQuantile,
  selector,
  sumRate,
  sumRateUnion,
  type LabelMatcher,
} from "@/server/adapters/prometheus/promql";

export interface MetricTarget {
  kind: InventoryKind;
  namespace: string;
  name: string;
}

type Matchers = (namespace: string, name: string) => LabelMatcher[];

const eq = (label: string, value: string): LabelMatcher => ({ label, op: "=", value });

/** How the requests into / out of each kind of item are selected; a service originates no requests. */
const targets: Record<InventoryKind, Partial<Record<MetricDirection, Matchers>>> = {
  services: {
    inbound: (ns, name) => [
      eq("reporter", "destination"),
      eq("destination_service_namespace", ns),
      eq("destination_service_name", name),
    ],
  },
  workloads: {
    inbound: (ns, name) => [
      eq("reporter", "destination"),
      eq("destination_workload_namespace", ns),
      eq("destination_workload", name),
    ],
    outbound: (ns, name) => [
      eq("reporter", "source"),
      eq("source_workload_namespace", ns),
      eq("source_workload", name),
    ],
  },
  applications: {
    inbound: (ns, name) => [
      eq("reporter", "destination"),
      eq("destination_workload_namespace", ns),
      eq("destination_canonical_service", name),
    ],
    outbound: (ns, name) => [
      eq("reporter", "source"),
      eq("source_workload_namespace", ns),
      eq("source_canonical_service", name),
    ],
  },
};

/** "By version": the item's own versions inbound; the called service and its version outbound. */
export const versionLabels: Record<MetricDirection, readonly string[]> = {
  inbound: ["destination_canonical_revision"],
  outbound: ["destination_canonical_service", "destination_canonical_revision"],
};

export function directionsOf(kind: InventoryKind): MetricDirection[] {
  return (["inbound", "outbound"] as const).filter((d) => targets[kind][d] !== undefined);
}

export function matchersFor(target: MetricTarget, direction: MetricDirection): LabelMatcher[] | undefined {
  return targets[target.kind][direction]?.(target.namespace, target.name);
}

/** The error requests among `m`, as the graph counts them (lib/istio/response-classes.ts). */
const errorRate = (m: LabelMatcher[], by: readonly string[], w: number): string =>
  sumRateUnion(
    errorRequestMatchers().map((errors) => selector("istio_requests_total", [...m, ...errors])),
    w,
    by,
  );

const quantiles = [
  { q: 0.5, name: "p50" },
  { q: 0.95, name: "p95" },
  { q: 0.99, name: "p99" },
] as const;

/**
 * p50, p95 and p99 in one query: each quantile tagged with a `quantile` label, joined with
 * `or` (their label sets differ by that label, so none shadows another).
 */
function quantileSet(bucketSelector: string, windowSeconds: number): string {
  return quantiles
    .map(
      ({ q, name }) =>
        `label_replace(${histogramQuantile(q, bucketSelector, windowSeconds)}, "quantile", "${name}", "", "")`,
    )
    .join(" or ");
}

export interface ChartQuery {
  id: ChartId;
  title: string;
  unit: ChartUnit;
  promql: string;
  /** The labels whose values name a series in the legend, in order. */
  seriesLabels: readonly string[];
}

interface ChartDefinition {
  id: ChartId;
  title: string;
  unit: ChartUnit;
  build(m: LabelMatcher[], by: readonly string[], w: number): string;
  seriesLabels(by: readonly string[]): readonly string[];
}

const chartDefinitions: readonly ChartDefinition[] = [
  {
    id: "requestRate",
    title: "Request rate by version and response code",
    unit: "rps",
    build: (m, by, w) => sumRate(selector("istio_requests_total", m), w, [...by, "response_code"]),
    seriesLabels: (by) => [...by, "response_code"],
  },
  {
    id: "errorRate",
    title: `Error rate (${errorLegend}) by version`,
    unit: "percent",
    // `or … * 0`: a version without errors has no error series; it reads 0 %, not "no data".
    build: (m, by, w) => {
      const all = sumRate(selector("istio_requests_total", m), w, by);
      return `${divide(`${errorRate(m, by, w)} or ${all} * 0`, all)} * 100`;
    },
    seriesLabels: (by) => by,
  },
  {
    id: "duration",
    title: "Request duration",
    unit: "ms",
    build: (m, _by, w) => quantileSet(selector("istio_request_duration_milliseconds_bucket", m), w),
    seriesLabels: () => ["quantile"],
  },
  {
    id: "requestSize",
    title: "Request size (average) by version",
    unit: "bytes",
    build: (m, by, w) =>
      divide(
        sumRate(selector("istio_request_bytes_sum", m), w, by),
        sumRate(selector("istio_request_bytes_count", m), w, by),
      ),
    seriesLabels: (by) => by,
  },
  {
    id: "responseSize",
    title: "Response size (average) by version",
    unit: "bytes",
    build: (m, by, w) =>
      divide(
        sumRate(selector("istio_response_bytes_sum", m), w, by),
        sumRate(selector("istio_response_bytes_count", m), w, by),
      ),
    seriesLabels: (by) => by,
  },
  {
    id: "tcpSent",
    title: "TCP bytes sent by version",
    unit: "bytesPerSecond",
    build: (m, by, w) => sumRate(selector("istio_tcp_sent_bytes_total", m), w, by),
    seriesLabels: (by) => by,
  },
  {
    id: "tcpReceived",
    title: "TCP bytes received by version",
    unit: "bytesPerSecond",
    build: (m, by, w) => sumRate(selector("istio_tcp_received_bytes_total", m), w, by),
    seriesLabels: (by) => by,
  },
];

/** The chart queries of a metrics tab; undefined when the item has no such direction. */
export function buildChartQueries(
  target: MetricTarget,
  direction: MetricDirection,
  rateWindowSeconds: number,
): ChartQuery[] | undefined {
  const m = matchersFor(target, direction);
  if (!m) return undefined;
  const by = versionLabels[direction];
  return chartDefinitions.map((c) => ({
    id: c.id,
    title: c.title,
    unit: c.unit,
    promql: c.build(m, by, rateWindowSeconds),
    seriesLabels: c.seriesLabels(by),
  }));
}

/**
 * Step and rate window for a range: about 120 points per chart, never a step under 15 s
 * (Prometheus' usual scrape interval), and a rate window of at least a minute and two
 * steps, so each point averages enough scrapes to be steady.
 */
export function metricsResolution(rangeSeconds: number): { stepSeconds: number; rateWindowSeconds: number } {
  const stepSeconds = Math.max(15, Math.ceil(rangeSeconds / 120));
  return { stepSeconds, rateWindowSeconds: Math.max(60, stepSeconds * 2) };
}
