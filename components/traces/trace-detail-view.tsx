"use client";

/**
 * The trace page's body: what the trace is (id, duration, spans, failures, request id), a
 * link that lights its path on the graph, and the waterfall. `TraceByIdView` reads a trace by
 * its id, `TraceByRequestView` finds it by the x-request-id of an access-log line.
 */
import Link from "next/link";
import type { TraceDetail } from "@/lib/contracts/tracing";
import { useTrace, useTraceByRequest, useTracingStatus } from "@/lib/queries/tracing";
import { Notice } from "@/components/inventory/item-parts";
import { Facts } from "@/components/graph/panel-parts";
import { formatTraceDuration, traceGraphHref } from "./trace-links";
import { TraceWaterfall } from "./trace-waterfall";
import { TracingOffNotice } from "./traces-tab";

const linkClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

/** `fetchedAt`: when the trace was read (epoch ms), the "now" its graph window is measured from. */
export function TraceDetailBody({ trace, fetchedAt }: { trace: TraceDetail; fetchedAt: number }) {
  const rows: [string, string][] = [
    ["Duration", formatTraceDuration(trace.durationMs)],
    ["Started", new Date(trace.startMs).toLocaleString()],
    ["Spans", String(trace.spans.length)],
    ["Failed spans", String(trace.errorSpans)],
  ];
  if (trace.requestId) rows.push(["x-request-id", trace.requestId]);
  return (
    <div className="space-y-4" data-testid="trace-detail" data-trace-id={trace.traceId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <Facts rows={rows} />
        {trace.path.hops.length > 0 && (
          <Link href={traceGraphHref(trace, fetchedAt)} className={linkClass}>
            Show on graph
          </Link>
        )}
      </div>
      <TraceWaterfall trace={trace} />
    </div>
  );
}

function TraceState({
  label,
  pending,
  error,
  trace,
  fetchedAt,
}: {
  label: string;
  pending: boolean;
  error: Error | null;
  trace?: TraceDetail;
  fetchedAt: number;
}) {
  const status = useTracingStatus();
  if (status.data && !status.data.configured) return <TracingOffNotice hint={status.data.hint} />;
  if (pending) return <Notice tone="info">Loading {label}…</Notice>;
  if (error) return <Notice tone="error">{error.message}</Notice>;
  return trace ? <TraceDetailBody trace={trace} fetchedAt={fetchedAt} /> : null;
}

function Page({ title, children }: { title: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-7xl space-y-4">
      <h1 className="break-all text-2xl font-semibold">{title}</h1>
      {children}
    </div>
  );
}

export function TraceByIdView({ traceId }: { traceId: string }) {
  const trace = useTrace(traceId);
  return (
    <Page
      title={
        <>
          Trace <span className="font-mono text-xl">{traceId}</span>
        </>
      }
    >
      <TraceState
        label="the trace"
        pending={trace.isPending}
        error={trace.error}
        trace={trace.data}
        fetchedAt={trace.dataUpdatedAt}
      />
    </Page>
  );
}

export function TraceByRequestView({
  requestId,
  namespace,
  workload,
}: {
  requestId: string;
  namespace: string;
  workload: string;
}) {
  const missing = !namespace || !workload;
  const trace = useTraceByRequest({ requestId, namespace, workload }, !missing);
  return (
    <Page
      title={
        <>
          Request <span className="font-mono text-xl">{requestId}</span>
        </>
      }
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">
        The trace whose spans carry this <span className="font-mono">x-request-id</span>
        {missing ? "" : `, as logged by ${workload} in ${namespace}`}.
      </p>
      {missing ? (
        <Notice tone="error">This link names no workload: it needs ?namespace=…&amp;workload=… to search.</Notice>
      ) : (
        <TraceState
          label="the request's trace"
          pending={trace.isPending}
          error={trace.error}
          trace={trace.data}
          fetchedAt={trace.dataUpdatedAt}
        />
      )}
    </Page>
  );
}
