/** One trace reduced to a dot on the scatter and a row of the list. */
import "server-only";
import type { TraceSummary } from "@/lib/contracts/tracing";
import type { SpanRecord, TraceRecord } from "@/server/adapters/tracing";
import { readEnvoySpan } from "./envoy-span";
import { toMicros } from "./to-trace-detail";

/** The earliest span whose parent is not in the trace. */
export function rootOf(trace: TraceRecord): SpanRecord | undefined {
  const ids = new Set(trace.spans.map((s) => s.spanId));
  const roots = trace.spans.filter((s) => !s.parentSpanId || !ids.has(s.parentSpanId));
  return [...(roots.length > 0 ? roots : trace.spans)].sort((a, b) => a.startMs - b.startMs)[0];
}

export function summarizeTrace(trace: TraceRecord): TraceSummary {
  const start = Math.min(...trace.spans.map((s) => s.startMs));
  const end = Math.max(...trace.spans.map((s) => s.startMs + s.durationMs));
  const root = rootOf(trace);
  const facts = root ? readEnvoySpan(root) : undefined;
  return {
    traceId: trace.traceId,
    startMs: start,
    durationMs: toMicros(end - start),
    rootService: root?.service ?? "unknown",
    rootOperation: root?.operation ?? "unknown",
    spanCount: trace.spans.length,
    errorSpans: trace.spans.filter((s) => readEnvoySpan(s).error).length,
    ...(facts?.httpCode !== undefined ? { httpCode: facts.httpCode } : {}),
    services: [...new Set(trace.spans.map((s) => s.service))].sort(),
    ...(facts?.requestId ? { requestId: facts.requestId } : {}),
  };
}
