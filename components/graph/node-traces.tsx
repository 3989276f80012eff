"use client";

/**
 * The node panel's Traces section: the node's recent traces, failed first then slowest, each
 * opening the trace page. It reads the same list as the detail pages' Traces tab, for the
 * application, workload or service the node stands for (node-metrics-target.ts); tracing off
 * is said in one line.
 */
import Link from "next/link";
import type { NodeMetricsTarget } from "@/lib/graph-view/node-metrics-target";
import { useTraceList, useTracingStatus } from "@/lib/queries/tracing";
import { detailHref } from "@/components/inventory/links";
import { formatTraceDuration, traceHref, worstFirst } from "@/components/traces/trace-links";
import { PanelSection } from "./panel-parts";

const shown = 5;

function TraceRows({ target }: { target: NodeMetricsTarget }) {
  const list = useTraceList({ ...target, errorsOnly: false, tags: "", limit: 50 });
  if (list.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (list.isError) return <p className="text-sm text-bad">Cannot load traces: {list.error.message}</p>;
  const traces = worstFirst(list.data.traces).slice(0, shown);
  if (traces.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No traces in this window.</p>;
  return (
    <ul className="space-y-1 text-sm" data-testid="node-traces">
      {traces.map((t) => (
        <li key={t.traceId}>
          <Link
            href={traceHref(t.traceId)}
            className="flex justify-between gap-2 rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            <span className="truncate font-mono text-xs">{t.traceId.slice(0, 12)}…</span>
            <span className={`font-mono tabular-nums ${t.errorSpans > 0 ? "text-bad" : ""}`}>
              {formatTraceDuration(t.durationMs)}
              {t.errorSpans > 0 ? " · failed" : ""}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function NodeTraces({ target }: { target: NodeMetricsTarget | null }) {
  const status = useTracingStatus(target !== null);
  if (!target || !status.data) return null;
  return (
    <PanelSection title="Traces">
      {status.data.configured ? (
        <>
          <TraceRows target={target} />
          <Link
            href={`${detailHref(target.kind, target.namespace, target.name)}&tab=traces`}
            className="text-sm text-sky-700 hover:underline dark:text-sky-300"
          >
            All traces
          </Link>
        </>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Tracing is off (TOPSAIL_TRACING_URL is not set).</p>
      )}
    </PanelSection>
  );
}
