/**
 * A trace as the waterfall draws it: spans depth-first from the roots, each span's children by
 * start time, with its depth and its start as an offset from the trace's start. A span whose
 * parent is not in the trace (not yet reported, or dropped) is drawn as a root, not lost.
 * Spans in namespaces the viewer may not see keep their place and timing, and lose every name
 * and tag.
 */
import "server-only";
import type { TraceDetail, TraceSpan } from "@/lib/contracts/tracing";
import type { SpanRecord, TraceRecord } from "@/server/adapters/tracing";
import { readEnvoySpan } from "./envoy-span";
import { buildTracePath } from "./trace-path";

const byStart = (a: SpanRecord, b: SpanRecord) => a.startMs - b.startMs || a.spanId.localeCompare(b.spanId);

export function orderSpans(spans: SpanRecord[]): { span: SpanRecord; depth: number }[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, SpanRecord[]>();
  const roots: SpanRecord[] = [];
  for (const span of spans) {
    if (span.parentSpanId && ids.has(span.parentSpanId) && span.parentSpanId !== span.spanId) {
      children.set(span.parentSpanId, [...(children.get(span.parentSpanId) ?? []), span]);
    } else roots.push(span);
  }
  const ordered: { span: SpanRecord; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (span: SpanRecord, depth: number) => {
    // A malformed trace can loop (a → b → a); each span is drawn once.
    if (seen.has(span.spanId)) return;
    seen.add(span.spanId);
    ordered.push({ span, depth });
    for (const child of [...(children.get(span.spanId) ?? [])].sort(byStart)) visit(child, depth + 1);
  };
  for (const root of [...roots].sort(byStart)) visit(root, 0);
  // Spans only reachable through a loop.
  for (const span of [...spans].sort(byStart)) visit(span, 0);
  return ordered;
}

export function namespaceOfSpan(span: SpanRecord): string | undefined {
  return readEnvoySpan(span).namespace;
}

/** Differences of epoch ms carry float noise past the µs the backend counts in. */
export const toMicros = (ms: number) => Math.round(ms * 1000) / 1000;

function toSpan(span: SpanRecord, depth: number, traceStart: number, visible: boolean): TraceSpan {
  const f = readEnvoySpan(span);
  const timing = {
    spanId: span.spanId,
    parentId: span.parentSpanId,
    depth,
    startOffsetMs: toMicros(span.startMs - traceStart),
    durationMs: span.durationMs,
    error: f.error,
  };
  if (!visible) {
    return { ...timing, service: "hidden", operation: "hidden", kind: "unknown", hidden: true, tags: [] };
  }
  return {
    ...timing,
    service: span.service,
    operation: span.operation,
    kind: f.kind,
    proxy: f.proxy,
    namespace: f.namespace,
    pod: f.pod,
    workload: f.workload,
    app: f.app,
    version: f.version,
    httpCode: f.httpCode,
    responseFlags: f.responseFlags,
    upstreamCluster: f.upstreamCluster,
    method: f.method,
    url: f.url,
    hidden: false,
    tags: Object.entries(span.tags)
      .map(([key, value]) => ({ key, value }))
      .sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** `visibleNamespace`: false for a namespace the viewer may not see; spans of no known namespace are shown. */
export function toTraceDetail(trace: TraceRecord, visibleNamespace: (namespace: string) => boolean): TraceDetail {
  const start = Math.min(...trace.spans.map((s) => s.startMs));
  const end = Math.max(...trace.spans.map((s) => s.startMs + s.durationMs));
  const spans = orderSpans(trace.spans).map(({ span, depth }) => {
    const namespace = namespaceOfSpan(span);
    return toSpan(span, depth, start, namespace === undefined || visibleNamespace(namespace));
  });
  const root = spans.find((s) => !s.hidden && s.depth === 0);
  const requestId = root?.tags.find((t) => t.key === "guid:x-request-id")?.value;
  return {
    traceId: trace.traceId,
    startMs: start,
    durationMs: toMicros(end - start),
    spans,
    errorSpans: spans.filter((s) => s.error).length,
    ...(requestId ? { requestId } : {}),
    path: buildTracePath(spans),
  };
}
