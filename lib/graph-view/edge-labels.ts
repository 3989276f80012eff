/**
 * Edge label text per label mode. The same strings go to the canvas and to the accessible
 * edge list, so what a screen reader (or a test) reads is what is drawn.
 */
import type { EdgeLabelMode } from "./options";
import type { ViewEdge } from "./view-model";

/**
 * An edge's health as its colour shows it: red from 10% errors, orange below that (Kiali's
 * default thresholds, ../shared reference "Kiali graph look"), else healthy.
 */
export function edgeHealth(e: Pick<ViewEdge, "errorPct">): "failure" | "degraded" | "healthy" {
  return e.errorPct >= 10 ? "failure" : e.errorPct > 0 ? "degraded" : "healthy";
}

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return "0";
  if (perSecond < 0.01) return "<0.01";
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(2);
}

export function formatBytesPerSecond(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, "GiB/s"],
    [1024 ** 2, "MiB/s"],
    [1024, "KiB/s"],
  ];
  for (const [size, unit] of units) if (bytes >= size) return `${(bytes / size).toFixed(1)} ${unit}`;
  return `${bytes.toFixed(0)} B/s`;
}

export function formatDurationMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

export function formatPercent(pct: number): string {
  return `${pct.toFixed(1)}%`;
}

const labelers: Record<EdgeLabelMode, (e: ViewEdge) => string> = {
  none: () => "",
  requestRate: (e) => {
    if (e.protocol === "tcp") return formatBytesPerSecond(e.rate);
    const rate = `${formatRate(e.rate)} rps`;
    return e.errorPct > 0 ? `${rate} · ${formatPercent(e.errorPct)} err` : rate;
  },
  trafficPercent: (e) => formatPercent(e.percentReq),
  trafficPercentOfService: (e) => formatPercent(e.percentReqOfService),
  responseTime: (e) => (e.responseTimeMs === undefined ? "" : formatDurationMs(e.responseTimeMs)),
  throughput: (e) => (e.throughput === undefined ? "" : formatBytesPerSecond(e.throughput)),
};

export function formatEdgeLabel(edge: ViewEdge, mode: EdgeLabelMode): string {
  return labelers[mode](edge);
}
