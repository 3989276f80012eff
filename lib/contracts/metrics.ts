/**
 * GET /api/namespaces/NS/{kind}/NAME/metrics?direction=inbound&range=1800 — the charts of
 * a detail page's metrics tab, each answered by one Prometheus range query.
 */
import { z } from "zod";

export const metricDirections = ["inbound", "outbound"] as const;
export const metricDirectionSchema = z.enum(metricDirections);
export type MetricDirection = z.infer<typeof metricDirectionSchema>;

/** The ranges the tab offers, seconds. */
export const metricRanges = [300, 900, 1800, 3600, 10_800, 21_600] as const;

export const metricsQuerySchema = z.object({
  direction: metricDirectionSchema.default("inbound"),
  range: z.coerce
    .number()
    .int()
    .refine((v) => (metricRanges as readonly number[]).includes(v), {
      message: `range must be one of ${metricRanges.join(", ")} seconds`,
    })
    .default(1800),
});
export type MetricsQuery = z.infer<typeof metricsQuerySchema>;

export const chartIds = [
  "requestRate",
  "errorRate",
  "duration",
  "requestSize",
  "responseSize",
  "tcpSent",
  "tcpReceived",
] as const;
export type ChartId = (typeof chartIds)[number];

export const chartUnits = ["rps", "percent", "ms", "bytes", "bytesPerSecond"] as const;
export type ChartUnit = (typeof chartUnits)[number];

export const metricSeriesSchema = z.object({
  /** What the legend shows, e.g. "v2 · 200" or "p95". */
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  /** [unix seconds, value]; NaN (no requests in a step) is sent as null. */
  points: z.array(z.tuple([z.number(), z.number().nullable()])),
});
export type MetricSeries = z.infer<typeof metricSeriesSchema>;

export const metricChartSchema = z.object({
  id: z.enum(chartIds),
  title: z.string(),
  unit: z.enum(chartUnits),
  series: z.array(metricSeriesSchema),
  /** Set when this chart's query failed; the other charts still show. */
  error: z.string().optional(),
});
export type MetricChart = z.infer<typeof metricChartSchema>;

export const metricsResponseSchema = z.object({
  direction: metricDirectionSchema,
  start: z.number(),
  end: z.number(),
  stepSeconds: z.number(),
  charts: z.array(metricChartSchema),
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;
