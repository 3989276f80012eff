/**
 * Where the trace views link: a trace's page, its path on the graph, and — from an Envoy span
 * of a sidecar — the Envoy route view of that span's workload for the span's host and path
 * (the workload page's Envoy tab reads `routeHost`, `routePath` and `pod`).
 */
import type { TraceDetail, TraceSpan, TraceSummary } from "@/lib/contracts/tracing";
import { windowOptions } from "@/lib/graph-view/options";
import { defaultGraphUrlState, formatGraphUrlState } from "@/lib/graph-view/url-state";

export function traceHref(traceId: string): string {
  return `/traces/${encodeURIComponent(traceId)}`;
}

export function requestTraceHref(requestId: string, namespace: string, workload: string): string {
  const params = new URLSearchParams({ namespace, workload });
  return `/traces/request/${encodeURIComponent(requestId)}?${params.toString()}`;
}

/**
 * The graph of the namespaces the trace went through, with its path lit, over the shortest
 * window that still holds the trace (an older trace's edges may be idle in the last 5 minutes).
 */
export function traceGraphHref(trace: Pick<TraceDetail, "traceId" | "path" | "startMs">, nowMs: number): string {
  const namespaces = [...new Set(trace.path.nodes.map((n) => n.namespace))].sort();
  const age = Math.max(0, (nowMs - trace.startMs) / 1000);
  const longest = windowOptions[windowOptions.length - 1]?.value ?? defaultGraphUrlState.duration;
  const duration = Math.max(defaultGraphUrlState.duration, windowOptions.find((o) => o.value >= age)?.value ?? longest);
  return `/graph?${formatGraphUrlState({ ...defaultGraphUrlState, namespaces, duration, trace: trace.traceId })}`;
}

/** `http://reviews:9080/reviews/0` → host `reviews:9080`, path `/reviews/0`. */
export function routeOfUrl(url: string | undefined): { host: string; path: string } | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return { host: parsed.host, path: `${parsed.pathname}${parsed.search}` };
  } catch {
    return undefined;
  }
}

export function envoyRouteHref(span: TraceSpan): string | undefined {
  if (span.proxy !== "sidecar" || !span.namespace || !span.workload || !span.pod) return undefined;
  const route = routeOfUrl(span.url);
  const params = new URLSearchParams({ tab: "envoy" });
  if (route) {
    params.set("routeHost", route.host);
    params.set("routePath", route.path);
  }
  params.set("pod", span.pod);
  return `/namespaces/${encodeURIComponent(span.namespace)}/workloads/${encodeURIComponent(span.workload)}?${params.toString()}`;
}

export function formatTraceDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Errored first, then slowest: what a person chasing a red edge opens first. */
export function worstFirst(traces: readonly TraceSummary[]): TraceSummary[] {
  return [...traces].sort((a, b) => Number(b.errorSpans > 0) - Number(a.errorSpans > 0) || b.durationMs - a.durationMs);
}
