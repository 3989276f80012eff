/** A chart value in its unit, as axes, tooltips, legends and captions print it (pure). */
import type { ChartUnit } from "@/lib/contracts/metrics";
import { formatBytesPerSecond } from "@/lib/graph-view/edge-labels";

const unitFormat: Record<ChartUnit, (v: number) => string> = {
  rps: (v) => `${v.toFixed(2)} rps`,
  percent: (v) => `${v.toFixed(1)} %`,
  ms: (v) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`),
  bytes: (v) => (v >= 1024 ? `${(v / 1024).toFixed(1)} KiB` : `${v.toFixed(0)} B`),
  // The graph's edge labels say TCP rates this way; a chart must not say it differently.
  bytesPerSecond: formatBytesPerSecond,
};

export function formatMetric(unit: ChartUnit, value: number): string {
  return unitFormat[unit](value);
}
