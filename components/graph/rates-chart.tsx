"use client";

/**
 * Requests/s per response class over the window, as bars. Props only: the figures come
 * from the graph answer (the API has no per-node range query yet, so this is the window's
 * average, not a time series).
 */
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { valueAxis } from "@/lib/chart-axis";
import { formatMetric } from "@/components/metrics/format-metric";

const tickFontSize = 11;
const rps = (v: number) => formatMetric("rps", v);

export interface RateBar {
  name: string;
  value: number;
  colour: string;
}

export function RatesChart({ bars, label }: { bars: RateBar[]; label: string }) {
  const axis = valueAxis(
    bars.map((b) => b.value),
    rps,
    tickFontSize,
  );
  return (
    <figure aria-label={label} className="h-36 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 280, height: 144 }}>
        <BarChart data={bars} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#94a3b8" strokeOpacity={0.3} />
          <XAxis dataKey="name" tick={{ fontSize: tickFontSize }} stroke="#64748b" />
          <YAxis
            tickFormatter={(v) => rps(Number(v))}
            ticks={axis.ticks}
            domain={axis.domain}
            width={axis.width}
            tick={{ fontSize: tickFontSize }}
            stroke="#64748b"
          />
          <Tooltip formatter={(v) => [rps(Number(v)), "rate"]} isAnimationActive={false} />
          <Bar dataKey="value" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.name} fill={b.colour} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {label}: {bars.map((b) => `${b.name} ${b.value.toFixed(2)} requests per second`).join(", ")}
      </figcaption>
    </figure>
  );
}
