/**
 * Recent traces of an application, workload or service. Istio's proxies report as
 * `<app>.<namespace>`, so every kind is searched by its app: an application by its name, a
 * workload by its pods' app label, a service by the app label its selector picks (else its own
 * name, as Bookinfo's services and apps share names). A workload's list keeps only the traces
 * with a span from one of its pods (node_id), since its app's other versions report under
 * the same name.
 *
 * Filters: the minimum duration and the tags go to the backend; "errors only" is the tag
 * `error=true` (Envoy's mark for a 5xx or no response) there, and a trace with an erroneous
 * span here.
 */
import "server-only";
import type { InventoryKind } from "@/lib/contracts/inventory";
import type { TraceListQuery, TraceListResponse, TraceSummary } from "@/lib/contracts/tracing";
import type { TraceRecord, TracingClient } from "@/server/adapters/tracing";
import { jaegerServiceOf, readEnvoySpan, splitJaegerService } from "./envoy-span";
import { summarizeTrace } from "./summarize-trace";

export interface TraceTarget {
  kind: InventoryKind;
  namespace: string;
  name: string;
}

export interface ListTracesDeps {
  client: TracingClient;
  /** The app label of a workload's pods; undefined when the workload is not known. */
  appOfWorkload(namespace: string, workload: string): Promise<string | undefined>;
  /** The app label a Service's selector picks; undefined when it has none. */
  appOfService(namespace: string, service: string): Promise<string | undefined>;
  /**
   * Whether the viewer may see a namespace and read its workloads (`list pods`): other namespaces'
   * services are left out of the summaries.
   */
  canReadWorkloads(namespace: string): Promise<boolean>;
  now(): Date;
}

export async function appOfTarget(deps: ListTracesDeps, target: TraceTarget): Promise<string> {
  if (target.kind === "workloads") return (await deps.appOfWorkload(target.namespace, target.name)) ?? target.name;
  if (target.kind === "services") return (await deps.appOfService(target.namespace, target.name)) ?? target.name;
  return target.name;
}

export function hasSpanOfWorkload(trace: TraceRecord, namespace: string, workload: string): boolean {
  return trace.spans.some((span) => {
    const f = readEnvoySpan(span);
    return f.namespace === namespace && f.workload === workload;
  });
}

/** A trace through a namespace whose workloads the viewer may not read keeps its timing; its names are left out. */
async function redactSummaries(deps: ListTracesDeps, traces: TraceSummary[]): Promise<TraceSummary[]> {
  const namespaces = new Set(traces.flatMap((t) => t.services.map((s) => splitJaegerService(s).namespace ?? "")));
  namespaces.delete("");
  const hidden = new Set<string>();
  for (const ns of namespaces) if (!(await deps.canReadWorkloads(ns))) hidden.add(ns);
  if (hidden.size === 0) return traces;
  const visible = (service: string) => !hidden.has(splitJaegerService(service).namespace ?? "");
  return traces.map((t) => ({
    ...t,
    services: t.services.filter(visible),
    ...(visible(t.rootService) ? {} : { rootService: "hidden", rootOperation: "hidden" }),
  }));
}

export async function listTraces(
  deps: ListTracesDeps,
  target: TraceTarget,
  query: TraceListQuery,
): Promise<TraceListResponse> {
  const service = jaegerServiceOf(await appOfTarget(deps, target), target.namespace);
  const end = deps.now();
  const start = new Date(end.getTime() - query.range * 1000);
  const tags = { ...query.tags, ...(query.errorsOnly ? { error: "true" } : {}) };
  const records = await deps.client.searchTraces({
    service,
    tags: Object.keys(tags).length > 0 ? tags : undefined,
    start,
    end,
    minDurationMs: query.minDuration,
    limit: query.limit,
  });
  const summaries = records
    .filter((t) => t.spans.length > 0)
    .filter((t) => target.kind !== "workloads" || hasSpanOfWorkload(t, target.namespace, target.name))
    .map(summarizeTrace)
    .filter((t) => !query.errorsOnly || t.errorSpans > 0)
    .sort((a, b) => b.startMs - a.startMs);
  const traces = await redactSummaries(deps, summaries);
  return {
    service,
    ...(target.kind === "workloads" ? { workload: target.name } : {}),
    start: start.getTime(),
    end: end.getTime(),
    traces,
    truncated: records.length >= query.limit,
  };
}
