"use client";

/**
 * One gate over the experiment: every evaluation's value against the threshold line, on
 * bands for the phases (before / during / after, or each canary step). Deciding
 * evaluations are drawn larger. Props only.
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

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: { pass: boolean | null; decisive: boolean };
}

function GateDot({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload) return null;
  const colour = payload.pass === false ? "#dc2626" : payload.pass === true ? "#16a34a" : "#94a3b8";
  return <circle cx={cx} cy={cy} r={payload.decisive ? 5 : 3} fill={colour} stroke="white" strokeWidth={1} />;
}

/** `version`: the subset the gate judges (a canary's target); its line takes that version's colour on every chart. */
export function GateChart({ series, spans, version }: { series: GateSeries; spans: PhaseSpan[]; version?: string }) {
  const data = series.points.filter((p) => p.value !== null);
  const values = data.map((p) => p.value as number);
  const lo = Math.min(series.threshold, ...values);
  const hi = Math.max(series.threshold, ...values);
  const pad = Math.max(1, (hi - lo) * 0.1);
  const domain: [number, number] = [Math.max(0, Math.floor(lo - pad)), Math.ceil(hi + pad)];
  // The x axis runs to the end of the last phase, so the current step's band shows before its first point.
  const xMax = Math.max(1, data.at(-1)?.t ?? 0, spans.at(-1)?.to ?? 0);
  const description = `${series.label}: threshold ${series.op} ${series.threshold}; ${data.length} evaluations${data.length > 0 ? `, last ${(data.at(-1)!.value as number).toFixed(2)} at ${data.at(-1)!.t}s` : ""}`;
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
              formatter={(v) => [Number(v).toFixed(2), series.label]}
              labelFormatter={(t) => `${t}s`}
            />
            <Line
              dataKey="value"
              stroke={version ? colourForVersion(version) : neutralSeriesColour}
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
