"use client";

/**
 * A small line chart of one metrics chart's series (props only). The series are joined on
 * their timestamps into Recharts rows; at most a few series are drawn, the rest are named.
 * Colours and dashes are the metrics tab's (lib/series-colours.ts): v2 looks the same here.
 */
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricChart } from "@/lib/contracts/metrics";
import { valueAxis } from "@/lib/chart-axis";
import { assignSeriesColours, dashOfSeries, versionKeyOf } from "@/lib/series-colours";
import { formatMetric } from "@/components/metrics/format-metric";
import { SeriesSwatch } from "@/components/metrics/series-swatch";
import { chartMarkerLines, type ChartMarker, type MarkerSelect } from "@/components/metrics/chart-markers";

const maxSeries = 5;
const tickFontSize = 10;

const time = (t: number) => new Date(t * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

export function SeriesChart({
  chart,
  label,
  markers = [],
  onMarkerSelect,
}: {
  chart: MetricChart;
  label: string;
  /** Moments drawn across the chart (changes to mesh config, components/metrics/chart-markers.tsx). */
  markers?: readonly ChartMarker[];
  onMarkerSelect?: MarkerSelect;
}) {
  const series = chart.series.slice(0, maxSeries);
  const format = (v: number) => formatMetric(chart.unit, v);
  const colour = assignSeriesColours(series.flatMap((s) => versionKeyOf(s.labels) ?? []));
  const looks = series.map((s) => ({ colour: colour(versionKeyOf(s.labels)), dash: dashOfSeries(s.labels) }));
  const rows = new Map<number, Record<string, number | null>>();
  series.forEach((s, i) => {
    for (const [t, v] of s.points) rows.set(t, { ...(rows.get(t) ?? { t }), [`s${i}`]: v });
  });
  const data = [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
  const axis = valueAxis(
    series.flatMap((s) => s.points.map(([, v]) => v)),
    format,
    tickFontSize,
  );
  if (series.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No {chart.title.toLowerCase()} in this range.</p>;
  return (
    <figure aria-label={label} className="space-y-1">
      <div className="h-32 w-full">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 280, height: 128 }}>
          <LineChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            {/* A numeric axis, so a marker between two samples sits where it happened. */}
            <XAxis
              dataKey="t"
              type="number"
              domain={["dataMin", "dataMax"]}
              tickFormatter={time}
              tick={{ fontSize: tickFontSize }}
              stroke="#64748b"
              minTickGap={30}
            />
            <YAxis
              tickFormatter={(v) => format(Number(v))}
              ticks={axis.ticks}
              domain={axis.domain}
              width={axis.width}
              tick={{ fontSize: tickFontSize }}
              stroke="#64748b"
            />
            <Tooltip
              labelFormatter={(t) => time(Number(t))}
              formatter={(v, name) => [format(Number(v)), name]}
              isAnimationActive={false}
            />
            {series.map((s, i) => (
              <Line
                key={s.name}
                dataKey={`s${i}`}
                name={s.name}
                stroke={looks[i]?.colour}
                strokeDasharray={looks[i]?.dash}
                dot={false}
                strokeWidth={1.5}
                isAnimationActive={false}
                connectNulls
              />
            ))}
            {chartMarkerLines(markers, onMarkerSelect)}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="flex flex-wrap gap-x-3 text-xs">
        {series.map((s, i) => (
          <span key={s.name} className="inline-flex items-center gap-1" data-series={s.name}>
            <SeriesSwatch colour={looks[i]?.colour ?? ""} dash={looks[i]?.dash} />
            {s.name}
          </span>
        ))}
        {chart.series.length > maxSeries && (
          <span className="text-slate-500">+{chart.series.length - maxSeries} more</span>
        )}
      </figcaption>
    </figure>
  );
}
