/** The sparkline query's series (overview-queries.ts), per namespace and kind of traffic (pure). */
import "server-only";
import type { RangeSeries } from "@/server/adapters/prometheus";
import { SPARKLINE_TRAFFIC_LABEL, sparklineTraffic, type SparklineTraffic } from "./overview-queries";

const known = new Set<string>(sparklineTraffic.map((t) => t.traffic));
const isTraffic = (value: string | undefined): value is SparklineTraffic => value !== undefined && known.has(value);

export function groupSparklines(
  series: readonly RangeSeries[],
): Map<string, Partial<Record<SparklineTraffic, RangeSeries>>> {
  const byNamespace = new Map<string, Partial<Record<SparklineTraffic, RangeSeries>>>();
  for (const s of series) {
    const traffic = s.labels[SPARKLINE_TRAFFIC_LABEL];
    const namespace = s.labels.destination_workload_namespace;
    if (!isTraffic(traffic) || !namespace) continue;
    byNamespace.set(namespace, { ...byNamespace.get(namespace), [traffic]: s });
  }
  return byNamespace;
}
