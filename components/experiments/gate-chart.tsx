"use client";

/**
 * One gate over the experiment: every evaluation's value against the threshold line, on
 * bands for the phases (before / during / after, or each canary step). Deciding
 * evaluations are drawn larger. A canary's A is drawn beside B as a grey dashed baseline
 * (the same measure over the same window), so "B at 98.7 %" reads against what A does.
 * Props only.
 */
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { colourForVersion, neutralSeriesColour } from "@/lib/series-colours";
import type { GateSeries, PhaseSpan } from "./timeline-model";

const bandFill = ["#e0f2fe", "#fef3c7", "#dcfce7", "#f3e8ff"];
const baselineColour = "#64748b";

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: { pass: boolean | null; decisive: boolean };
}

function GateDot({ cx, cy, payload }: DotProps) {
  // A point where only A has data has no B value to mark.
  if (cx == null || cy == null || !payload) return null;
  const colour = payload.pass === false ? "#dc2626" : payload.pass === true ? "#16a34a" : "#94a3b8";
  return <circle cx={cx} cy={cy} r={payload.decisive ? 5 : 3} fill={colour} stroke="white" strokeWidth={1} />;
}

/** `version`: the subset the gate judges (a canary's target); its line takes that version's colour on every chart. */
export function GateChart({ series, spans, version }: { series: GateSeries; spans: PhaseSpan[]; version?: string }) {
  const bColour = version ? colourForVersion(version) : neutralSeriesColour;
  // A point with B's value or A's is drawn; B's line skips the points where only A has data.
  const data = series.points.filter((p) => p.value !== null || typeof p.baseline === "number");
  const withBaseline = series.baselineLabel !== undefined;
  const values = data.flatMap((p) => [p.value, p.baseline]).filter((v): v is number => typeof v === "number");
  const lo = Math.min(series.threshold, ...values);
  const hi = Math.max(series.threshold, ...values);
  const pad = Math.max(1, (hi - lo) * 0.1);
  const domain: [number, number] = [Math.max(0, Math.floor(lo - pad)), Math.ceil(hi + pad)];
  // The x axis runs to the end of the last phase, so the current step's band shows before its first point.
  const xMax = Math.max(1, data.at(-1)?.t ?? 0, spans.at(-1)?.to ?? 0);
  const last = data.at(-1);
  const lastText = (v: number | null | undefined) => (typeof v === "number" ? v.toFixed(2) : "no data");
  const description = `${series.label}: threshold ${series.op} ${series.threshold}; ${data.length} evaluations${
    last
      ? `, last ${lastText(last.value)} at ${last.t}s${withBaseline ? ` (${series.baselineLabel}: ${lastText(last.baseline)})` : ""}`
      : ""
  }`;
  return (
    <figure
      aria-label={`${series.label} against its threshold`}
      className="rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      data-gate={series.gate}
    >
      <figcaption className="mb-2 text-sm font-medium">
        {series.label}{" "}
        <span className="font-normal text-slate-500">
          (needs {series.op === ">=" ? "≥" : "≤"} {series.threshold})
        </span>
      </figcaption>
      {withBaseline && (
        // The key in HTML rather than Recharts' legend: it reads before the chart and wraps on narrow cards.
        <p className="mb-1 flex flex-wrap gap-x-4 text-xs text-slate-600 dark:text-slate-400">
          <span>
            <span aria-hidden className="mr-1 inline-block h-0.5 w-4 align-middle" style={{ background: bColour }} />
            {series.label}
          </span>
          <span>
            <span
              aria-hidden
              className="mr-1 inline-block w-4 border-t-2 border-dashed align-middle"
              style={{ borderColor: baselineColour }}
            />
            {`${series.baselineLabel}, baseline`}
          </span>
        </p>
      )}
      <div className="h-48 w-full">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 192 }}>
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -8 }}>
            {spans.map((s, i) => (
              <ReferenceArea
                key={`${s.label}-${s.from}`}
                x1={s.from}
                x2={s.to}
                fill={bandFill[i % bandFill.length]}
                fillOpacity={0.5}
                ifOverflow="hidden"
                label={{ value: s.label, position: "insideTop", fontSize: 10, fill: "#475569" }}
              />
            ))}
            <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} />
            <XAxis dataKey="t" type="number" domain={[0, xMax]} unit="s" tick={{ fontSize: 11 }} stroke="#64748b" />
            <YAxis domain={domain} tick={{ fontSize: 11 }} stroke="#64748b" />
            <ReferenceLine
              y={series.threshold}
              stroke="#dc2626"
              strokeDasharray="6 3"
              label={{
                value: `threshold ${series.threshold}`,
                position: "insideBottomRight",
                fontSize: 10,
                fill: "#dc2626",
              }}
            />
            <Tooltip
              isAnimationActive={false}
              formatter={(v, name) => [Number(v).toFixed(2), name]}
              labelFormatter={(t) => `${t}s`}
            />
            {withBaseline && (
              <Line
                dataKey="baseline"
                name={`${series.baselineLabel}, baseline`}
                stroke={baselineColour}
                strokeWidth={1.5}
                strokeDasharray="4 3"
                isAnimationActive={false}
                dot={false}
                connectNulls
              />
            )}
            <Line
              dataKey="value"
              name={series.label}
              stroke={bColour}
              strokeWidth={2}
              isAnimationActive={false}
              dot={<GateDot />}
              connectNulls
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">{description}</p>
    </figure>
  );
}
