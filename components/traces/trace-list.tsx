"use client";

/** Recent traces as a table, newest first (props only): the scatter's accessible twin. */
import Link from "next/link";
import type { TraceSummary } from "@/lib/contracts/tracing";
import { tableClass } from "@/components/inventory/item-parts";
import { formatTraceDuration, traceHref } from "./trace-links";

export function TraceList({ traces }: { traces: readonly TraceSummary[] }) {
  return (
    <table className={tableClass} data-testid="trace-list">
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Entry</th>
          <th scope="col">Spans</th>
          <th scope="col">Errors</th>
          <th scope="col">Code</th>
          <th scope="col">Trace</th>
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr key={t.traceId} data-trace-id={t.traceId} data-error={t.errorSpans > 0 ? "true" : "false"}>
            <td className="whitespace-nowrap tabular-nums">{new Date(t.startMs).toLocaleTimeString()}</td>
            <td className="font-mono tabular-nums">{formatTraceDuration(t.durationMs)}</td>
            <td className="max-w-xs truncate" title={`${t.rootService} ${t.rootOperation}`}>
              {t.rootOperation}
            </td>
            <td className="tabular-nums">{t.spanCount}</td>
            <td className={t.errorSpans > 0 ? "font-medium text-bad" : "text-slate-500"}>
              {t.errorSpans > 0 ? `${t.errorSpans} failed` : "none"}
            </td>
            <td className="font-mono">{t.httpCode ?? "—"}</td>
            <td>
              <Link href={traceHref(t.traceId)} className="font-mono text-sky-700 hover:underline dark:text-sky-300">
                {t.traceId.slice(0, 12)}…
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
