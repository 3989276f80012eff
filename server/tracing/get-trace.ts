/**
 * One trace for the waterfall, by id or by the `x-request-id` an access-log line carries
 * (Envoy's `guid:x-request-id` tag). A trace shows only to a viewer who may read the workloads
 * of at least one of its namespaces (see it and `list pods` there); spans of the others are kept
 * as timing only (to-trace-detail.ts).
 */
import "server-only";
import type { TraceDetail } from "@/lib/contracts/tracing";
import type { TraceRecord, TracingClient } from "@/server/adapters/tracing";
import { TopsailError } from "@/server/errors";
import { jaegerServiceOf } from "./envoy-span";
import { appOfTarget, type ListTracesDeps } from "./list-traces";
import { namespaceOfSpan, toTraceDetail } from "./to-trace-detail";

export interface GetTraceDeps {
  client: TracingClient;
  /** Whether the viewer may see a namespace and read its workloads (`list pods`). */
  canReadWorkloads(namespace: string): Promise<boolean>;
}

/** The backend's own default lookback for searches (two days); an access-log line older than that has no trace left. */
const requestLookbackMs = 2 * 86_400_000;

async function detailFor(deps: GetTraceDeps, trace: TraceRecord, notFound: () => TopsailError): Promise<TraceDetail> {
  const namespaces = [...new Set(trace.spans.map(namespaceOfSpan).filter((ns): ns is string => ns !== undefined))];
  const visible = new Set<string>();
  for (const ns of namespaces) if (await deps.canReadWorkloads(ns)) visible.add(ns);
  // Not told apart from a missing trace: a viewer learns nothing of namespaces they may not read.
  if (trace.spans.length === 0 || (namespaces.length > 0 && visible.size === 0)) throw notFound();
  return toTraceDetail(trace, (ns) => visible.has(ns));
}

export async function getTrace(deps: GetTraceDeps, traceId: string): Promise<TraceDetail> {
  const notFound = () =>
    new TopsailError(
      "not_found",
      `The tracing backend has no trace ${traceId}: it may have aged out of the backend's storage`,
    );
  const trace = await deps.client.getTrace(traceId);
  if (!trace) throw notFound();
  return detailFor(deps, trace, notFound);
}

export interface RequestLookup {
  namespace: string;
  /** The workload whose proxy logged the request: its app names the service to search. */
  workload: string;
  requestId: string;
}

export async function findTraceByRequestId(
  deps: GetTraceDeps & ListTracesDeps,
  lookup: RequestLookup,
): Promise<TraceDetail> {
  const notFound = () =>
    new TopsailError(
      "not_found",
      `No trace has x-request-id ${lookup.requestId}: the request may not have been sampled (Istio samples 1% by default) or has aged out`,
    );
  const app = await appOfTarget(deps, { kind: "workloads", namespace: lookup.namespace, name: lookup.workload });
  const end = deps.now();
  const [trace] = await deps.client.searchTraces({
    service: jaegerServiceOf(app, lookup.namespace),
    tags: { "guid:x-request-id": lookup.requestId },
    start: new Date(end.getTime() - requestLookbackMs),
    end,
    limit: 1,
  });
  if (!trace) throw notFound();
  // A search may answer a trace in part; the trace by id has all its spans.
  const full = (await deps.client.getTrace(trace.traceId)) ?? trace;
  return detailFor(deps, full, notFound);
}
