"use client";

/** A small rate line. Props only; the figures are also given as text. */
import { Line, LineChart, ResponsiveContainer, Tooltip, YAxis } from "recharts";
import type { ChartUnit } from "@/lib/contracts/metrics";
import { formatMetric } from "./format-metric";

export function Sparkline({
  points,
  label,
  unit,
  note,
}: {
  points: [number, number][];
  /** The caption's start, e.g. "Inbound requests, last 30 min". */
  label: string;
  unit: ChartUnit;
  /** Said after the figures, e.g. another kind of traffic's rate. */
  note?: string;
}) {
  const data = points.map(([t, v]) => ({ t, v }));
  const format = (v: number) => formatMetric(unit, v);
  const last = points.at(-1)?.[1] ?? 0;
  const peak = points.reduce((m, [, v]) => Math.max(m, v), 0);
  return (
    <figure aria-label={label} className="space-y-1">
      <div className="h-10 w-full">
        {points.length > 1 ? (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 240, height: 40 }}>
            <LineChart data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
              <YAxis hide domain={[0, "auto"]} />
              <Tooltip
                formatter={(v) => [format(Number(v)), "inbound"]}
                labelFormatter={(t) => new Date(Number(t) * 1000).toLocaleTimeString()}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="v"
                stroke="#0284c7"
                strokeWidth={1.5}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <div className="flex h-full items-center text-xs text-slate-500">Not enough history for a line yet</div>
        )}
      </div>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {label}: now {format(last)}, peak {format(peak)}
        {note ? ` · ${note}` : ""}
      </figcaption>
    </figure>
  );
}
