"use client";

/**
 * Recent traces as dots: start time across, duration up, failed traces red (and drawn as
 * crosses: never colour alone). Props only; a click on a dot hands its trace id up. The list
 * under it carries the same traces for keyboards and screen readers.
 */
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { valueAxis } from "@/lib/chart-axis";
import type { TraceSummary } from "@/lib/contracts/tracing";
import { formatTraceDuration } from "./trace-links";

interface Dot {
  t: number;
  ms: number;
  traceId: string;
  label: string;
}

const time = (t: number) =>
  new Date(t).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });

const toDot = (trace: TraceSummary): Dot => ({
  t: trace.startMs,
  ms: trace.durationMs,
  traceId: trace.traceId,
  label: `${trace.rootOperation} · ${formatTraceDuration(trace.durationMs)}${trace.errorSpans > 0 ? ` · ${trace.errorSpans} failed spans` : ""}`,
});

/** Recharts hands the clicked dot's row back as `payload`. */
function traceIdOf(point: unknown): string | undefined {
  if (typeof point !== "object" || point === null || !("payload" in point)) return undefined;
  const payload = (point as { payload: unknown }).payload;
  return typeof payload === "object" && payload !== null && "traceId" in payload
    ? String((payload as { traceId: unknown }).traceId)
    : undefined;
}

export function TraceScatter({
  traces,
  start,
  end,
  onSelect,
}: {
  traces: readonly TraceSummary[];
  start: number;
  end: number;
  onSelect: (traceId: string) => void;
}) {
  const ok = traces.filter((t) => t.errorSpans === 0).map(toDot);
  const failed = traces.filter((t) => t.errorSpans > 0).map(toDot);
  const axis = valueAxis(
    traces.map((t) => t.durationMs),
    formatTraceDuration,
    11,
  );
  const select = (point: unknown) => {
    const id = traceIdOf(point);
    if (id) onSelect(id);
  };
  return (
    <figure
      aria-label={`Trace durations over time: ${traces.length} traces, ${failed.length} with errors`}
      className="space-y-1 rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      data-testid="trace-scatter"
      data-trace-count={traces.length}
      data-error-count={failed.length}
    >
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 224 }}>
          <ScatterChart margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.3} />
            <XAxis
              dataKey="t"
              type="number"
              domain={[start, end]}
              tickFormatter={(t) => time(Number(t))}
              tick={{ fontSize: 11 }}
              stroke="#64748b"
              name="Start"
            />
            <YAxis
              dataKey="ms"
              type="number"
              tickFormatter={(v) => formatTraceDuration(Number(v))}
              ticks={axis.ticks}
              domain={axis.domain}
              width={axis.width}
              tick={{ fontSize: 11 }}
              stroke="#64748b"
              name="Duration"
            />
            <Tooltip
              isAnimationActive={false}
              cursor={{ strokeDasharray: "3 3" }}
              formatter={(value, name) =>
                name === "Start" ? [time(Number(value)), name] : [formatTraceDuration(Number(value)), name]
              }
            />
            <Scatter
              name="Traces"
              data={ok}
              fill="#0284c7"
              isAnimationActive={false}
              onClick={select}
              className="cursor-pointer"
            />
            <Scatter
              name="Traces with errors"
              data={failed}
              fill="#dc2626"
              shape="cross"
              isAnimationActive={false}
              onClick={select}
              className="cursor-pointer"
            />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="flex gap-4 text-xs text-slate-600 dark:text-slate-400">
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full bg-sky-600" /> trace
        </span>
        <span className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="font-bold text-red-600">
            ✕
          </span>{" "}
          trace with errors
        </span>
        <span>Click a dot to open its trace.</span>
      </figcaption>
    </figure>
  );
}
