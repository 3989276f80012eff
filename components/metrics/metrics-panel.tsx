"use client";

/** The charts of one metrics tab, in a grid. Props only: the detail view fetches. */
import type { MetricsResponse } from "@/lib/contracts/metrics";
import { assignSeriesColours, versionKeyOf } from "@/lib/series-colours";
import type { ChartMarker, MarkerSelect } from "./chart-markers";
import { MetricChart } from "./metric-chart";

/** TCP charts only show when there is TCP traffic; HTTP charts always show (empty says "no data"). */
const tcpCharts = new Set(["tcpSent", "tcpReceived"]);

export function MetricsPanel({
  metrics,
  markers,
  onMarkerSelect,
}: {
  metrics: MetricsResponse;
  markers?: readonly ChartMarker[];
  onMarkerSelect?: MarkerSelect;
}) {
  const hasTcp = metrics.charts.some((c) => tcpCharts.has(c.id) && c.series.length > 0);
  const charts = metrics.charts.filter((c) => hasTcp || !tcpCharts.has(c.id));
  // One colouring for the whole tab: a version is one colour in every chart of it.
  const colourOf = assignSeriesColours(charts.flatMap((c) => c.series.flatMap((s) => versionKeyOf(s.labels) ?? [])));
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      {charts.map((c) => (
        <MetricChart key={c.id} chart={c} colourOf={colourOf} markers={markers} onMarkerSelect={onMarkerSelect} />
      ))}
    </div>
  );
}
