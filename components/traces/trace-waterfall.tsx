"use client";

/**
 * A trace's spans as a waterfall (props only): one row per span in the API's depth-first
 * order, indented by depth, its bar placed by start offset and sized by duration on the
 * trace's time scale. Failed spans are red and say so in words. Each row opens to the span's
 * code, response flags, upstream cluster and tags; a sidecar's span links to the Envoy route
 * that handled it in that workload's proxy.
 */
import Link from "next/link";
import type { TraceDetail, TraceSpan } from "@/lib/contracts/tracing";
import { envoyRouteHref, formatTraceDuration } from "./trace-links";

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

function spanTitle(span: TraceSpan): string {
  if (span.hidden) return "a span in a namespace you may not see";
  return span.workload ?? span.service;
}

function Outcome({ span }: { span: TraceSpan }) {
  const code = span.httpCode ?? (span.hidden ? undefined : "no response");
  return (
    <span
      className={`font-mono text-xs ${span.error ? "font-semibold text-bad" : "text-slate-600 dark:text-slate-400"}`}
    >
      {code}
      {span.responseFlags ? ` ${span.responseFlags}` : ""}
      {span.error ? " · failed" : ""}
    </span>
  );
}

function SpanFacts({ span }: { span: TraceSpan }) {
  const envoy = envoyRouteHref(span);
  const rows: [string, string | undefined][] = [
    ["Service", span.service],
    ["Operation", span.operation],
    ["Kind", span.kind],
    ["Proxy", span.proxy],
    ["Pod", span.pod ? `${span.pod} (${span.namespace})` : undefined],
    ["HTTP code", span.httpCode?.toString() ?? (span.hidden ? undefined : "none (no response)")],
    ["Response flags", span.responseFlags ?? "-"],
    ["Upstream cluster", span.upstreamCluster],
    ["Request", span.method && span.url ? `${span.method} ${span.url}` : span.url],
    ["Start", `+${formatTraceDuration(span.startOffsetMs)}`],
    ["Duration", formatTraceDuration(span.durationMs)],
  ];
  return (
    <div className="space-y-2 border-t border-slate-200 px-3 py-2 dark:border-slate-800">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {rows
          .filter((r): r is [string, string] => r[1] !== undefined)
          .map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-slate-500 dark:text-slate-400">{term}</dt>
              <dd className="break-all font-mono">{value}</dd>
            </div>
          ))}
      </dl>
      {envoy && (
        <Link href={envoy} className="inline-block text-sm text-sky-700 hover:underline dark:text-sky-300">
          Envoy route in {span.workload}&apos;s proxy
        </Link>
      )}
      {span.tags.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm font-medium">Tags ({span.tags.length})</summary>
          <table className="mt-1 w-full text-left text-xs">
            <tbody>
              {span.tags.map((t) => (
                <tr key={t.key} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-0.5 pr-3 font-mono font-normal text-slate-500">
                    {t.key}
                  </th>
                  <td className="break-all py-0.5 font-mono">{t.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

export function TraceWaterfall({ trace }: { trace: TraceDetail }) {
  const total = trace.durationMs;
  return (
    <ol
      aria-label={`Spans of trace ${trace.traceId}`}
      className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
      data-testid="trace-waterfall"
    >
      {trace.spans.map((span) => (
        <li
          key={span.spanId}
          data-span-id={span.spanId}
          data-workload={span.workload ?? ""}
          data-error={span.error ? "true" : "false"}
          data-response-flags={span.responseFlags ?? ""}
        >
          <details>
            <summary className="grid cursor-pointer grid-cols-[minmax(16rem,26rem)_1fr] items-center gap-3 px-3 py-1.5 hover:bg-slate-50 dark:hover:bg-slate-800/50">
              <span className="flex min-w-0 flex-col" style={{ paddingLeft: `${span.depth * 0.9}rem` }}>
                <span className="truncate text-sm">
                  <span className={span.error ? "font-medium text-bad" : "font-medium"}>{spanTitle(span)}</span>{" "}
                  <span className="text-xs text-slate-500">{span.kind}</span>
                </span>
                <span className="truncate font-mono text-xs text-slate-500" title={span.operation}>
                  {span.operation}
                </span>
              </span>
              <span className="flex items-center gap-2">
                <span className="relative h-3 flex-1 rounded bg-slate-100 dark:bg-slate-800">
                  <span
                    aria-hidden="true"
                    className={`absolute top-0 h-3 rounded ${span.error ? "bg-red-600" : "bg-sky-600"}`}
                    style={{
                      left: `${percent(span.startOffsetMs, total)}%`,
                      width: `max(2px, ${percent(span.durationMs, total)}%)`,
                    }}
                  />
                </span>
                <span className="w-16 text-right font-mono text-xs tabular-nums">
                  {formatTraceDuration(span.durationMs)}
                </span>
                <span className="w-32 truncate">
                  <Outcome span={span} />
                </span>
              </span>
            </summary>
            <SpanFacts span={span} />
          </details>
        </li>
      ))}
    </ol>
  );
}
