"use client";

/**
 * One metrics chart: a Recharts line per series over time. Props only. The legend lists
 * every series by name (what a screen reader and the E2E test read), with its latest value.
 * A series is coloured by its version (lib/series-colours.ts) and dashed by its response
 * class or quantile; the page passes one colouring for all its charts.
 */
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricChart as Chart } from "@/lib/contracts/metrics";
import { valueAxis } from "@/lib/chart-axis";
import { assignSeriesColours, dashOfSeries, versionKeyOf } from "@/lib/series-colours";
import { formatMetric } from "./format-metric";
import { SeriesSwatch } from "./series-swatch";
import { chartMarkerLines, type ChartMarker, type MarkerSelect } from "./chart-markers";

export type SeriesColouring = (versionKey: string | undefined) => string;

const tickFontSize = 11;

/** Minutes on the time axis, seconds too when the data spans under ten minutes (ticks would repeat). */
function timeTick(seconds: number, span: number): string {
  return new Date(seconds * 1000).toLocaleTimeString(
    [],
    span < 600 ? { hour: "2-digit", minute: "2-digit", second: "2-digit" } : { hour: "2-digit", minute: "2-digit" },
  );
}

/** Rows keyed by time, one column per series, as Recharts reads them. */
export function toRows(chart: Chart): Record<string, number | null>[] {
  const rows = new Map<number, Record<string, number | null>>();
  chart.series.forEach((s, i) => {
    for (const [t, v] of s.points) {
      let row = rows.get(t);
      if (!row) rows.set(t, (row = { t }));
      row[`s${i}`] = v;
    }
  });
  return [...rows.values()].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
}

/** `markers`: moments drawn across the chart (changes to mesh config); `onMarkerSelect` gets a clicked one's id. */
export function MetricChart({
  chart,
  colourOf,
  markers = [],
  onMarkerSelect,
}: {
  chart: Chart;
  colourOf?: SeriesColouring;
  markers?: readonly ChartMarker[];
  onMarkerSelect?: MarkerSelect;
}) {
  const format = (v: number) => formatMetric(chart.unit, v);
  const colour = colourOf ?? assignSeriesColours(chart.series.flatMap((s) => versionKeyOf(s.labels) ?? []));
  const looks = chart.series.map((s) => ({ colour: colour(versionKeyOf(s.labels)), dash: dashOfSeries(s.labels) }));
  const rows = toRows(chart);
  const axis = valueAxis(
    chart.series.flatMap((s) => s.points.map(([, v]) => v)),
    format,
    tickFontSize,
  );
  const span = (rows.at(-1)?.t ?? 0) - (rows[0]?.t ?? 0);
  const headingId = `chart-${chart.id}`;
  return (
    <figure
      aria-labelledby={headingId}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      data-chart={chart.id}
    >
      <h3 id={headingId} className="text-sm font-medium">
        {chart.title}
      </h3>
      {chart.error ? (
        <p role="alert" className="text-sm text-bad">
          {chart.error}
        </p>
      ) : chart.series.length === 0 ? (
        <p className="flex h-48 items-center justify-center text-sm text-slate-500">No data in this range</p>
      ) : (
        <>
          <div className="h-48 w-full">
            <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
              <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} />
                <XAxis
                  dataKey="t"
                  type="number"
                  domain={["dataMin", "dataMax"]}
                  tickFormatter={(t) => timeTick(Number(t), span)}
                  tick={{ fontSize: tickFontSize }}
                  stroke="#64748b"
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
                  isAnimationActive={false}
                  labelFormatter={(t) => new Date(Number(t) * 1000).toLocaleTimeString()}
                  formatter={(v, key) => [
                    format(Number(v)),
                    chart.series[Number(String(key).slice(1))]?.name ?? String(key),
                  ]}
                />
                {chart.series.map((s, i) => (
                  <Line
                    key={s.name}
                    dataKey={`s${i}`}
                    name={s.name}
                    stroke={looks[i]?.colour}
                    strokeDasharray={looks[i]?.dash}
                    dot={false}
                    strokeWidth={1.5}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                ))}
                {chartMarkerLines(markers, onMarkerSelect)}
              </LineChart>
            </ResponsiveContainer>
          </div>
          <ul aria-label={`${chart.title}: series`} className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
            {chart.series.map((s, i) => {
              const latest = [...s.points].reverse().find(([, v]) => v !== null)?.[1];
              return (
                <li key={s.name} className="inline-flex items-center gap-1" data-series={s.name}>
                  <SeriesSwatch colour={looks[i]?.colour ?? ""} dash={looks[i]?.dash} />
                  <span className="font-mono">{s.name}</span>
                  {latest !== undefined && latest !== null && <span className="text-slate-500">{format(latest)}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </figure>
  );
}
