"use client";

/**
 * A detail page's Traces tab: whether tracing is on (and how to turn it on when not), the
 * filters, a scatter of recent traces and their list. A dot or a row opens the trace page.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { InventoryKind } from "@/lib/contracts/inventory";
import { tracingKeys, useTraceList, useTracingStatus } from "@/lib/queries/tracing";
import { Notice } from "@/components/inventory/item-parts";
import { MessageText } from "@/components/ui/message-text";
import { TraceFilters, type TraceFilterValues } from "./trace-filters";
import { traceHref } from "./trace-links";
import { TraceList } from "./trace-list";
import { TraceScatter } from "./trace-scatter";

export function TracingOffNotice({ hint }: { hint?: string }) {
  return (
    <div
      role="status"
      data-testid="tracing-off"
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
    >
      <MessageText text={hint ?? "Tracing is off: set TOPSAIL_TRACING_URL and restart the console."} />
    </div>
  );
}

function TraceResults({
  kind,
  namespace,
  name,
  range,
  filters,
}: {
  kind: InventoryKind;
  namespace: string;
  name: string;
  range: number;
  filters: TraceFilterValues;
}) {
  const router = useRouter();
  const list = useTraceList({ kind, namespace, name, range, ...filters });
  if (list.isPending) return <Notice tone="info">Loading traces…</Notice>;
  if (list.isError) return <Notice tone="error">{list.error.message}</Notice>;
  const { traces } = list.data;
  return (
    <div className="space-y-3" aria-busy={list.isFetching}>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {traces.length} trace{traces.length === 1 ? "" : "s"} of <span className="font-mono">{list.data.service}</span>
        {list.data.workload ? (
          <>
            {" "}
            through <span className="font-mono">{list.data.workload}</span>
          </>
        ) : null}
        {list.data.truncated ? " · the newest only: narrow the range or filters to see older ones" : ""}
      </p>
      {traces.length === 0 ? (
        <Notice tone="info">
          No traces in this range. Istio samples 1% of requests by default; raise the sampling rate or widen the range.
        </Notice>
      ) : (
        <>
          <TraceScatter
            traces={traces}
            start={list.data.start}
            end={list.data.end}
            onSelect={(id) => router.push(traceHref(id))}
          />
          <TraceList traces={traces} />
        </>
      )}
    </div>
  );
}

export function TracesTab({
  kind,
  namespace,
  name,
  range,
  active,
}: {
  kind: InventoryKind;
  namespace: string;
  name: string;
  range: number;
  active: boolean;
}) {
  const status = useTracingStatus(active);
  const [filters, setFilters] = useState<TraceFilterValues>({ errorsOnly: false, tags: "" });
  const queryClient = useQueryClient();
  // Search means "search now": the same filters again must still ask the tracing backend for newer traces.
  const search = (next: TraceFilterValues) => {
    setFilters(next);
    void queryClient.invalidateQueries({ queryKey: [...tracingKeys.all, "list"] });
  };
  if (!active) return null;
  if (status.isPending) return <Notice tone="info">Checking tracing…</Notice>;
  if (status.isError) return <Notice tone="error">{status.error.message}</Notice>;
  if (!status.data.configured) return <TracingOffNotice hint={status.data.hint} />;
  return (
    <div className="space-y-4" data-testid="traces-tab">
      <TraceFilters value={filters} onChange={search} />
      <TraceResults kind={kind} namespace={namespace} name={name} range={range} filters={filters} />
    </div>
  );
}
