/**
 * Whether a span meets a trace search, as the memory storage of Jaeger 2 decides it: a trace
 * matches when one span of the searched service meets every criterion — operation, start time,
 * duration, and each tag, looked up in the span's tags then its process's. Three tags are read as
 * Jaeger reads them: `error` as a boolean (`true`, `1`, `T`… — Envoy's spans only ever say true),
 * `span.kind` without regard to case, and `resource.<key>` in the process only.
 */
import type { StoredSpan } from "./jaeger-model";
import type { TraceSearch } from "./jaeger-params";

/** Go's strconv.ParseBool. */
const GO_BOOLEANS: Readonly<Record<string, boolean>> = Object.fromEntries([
  ...["1", "t", "T", "TRUE", "true", "True"].map((s) => [s, true] as const),
  ...["0", "f", "F", "FALSE", "false", "False"].map((s) => [s, false] as const),
]);

function tagValue(span: StoredSpan, key: string): string | undefined {
  return span.tags.find((t) => t.key === key)?.value ?? span.process.tags.find((t) => t.key === key)?.value;
}

function tagMatches(span: StoredSpan, key: string, wanted: string): boolean {
  if (key === "error") {
    const expected = GO_BOOLEANS[wanted];
    // Jaeger matches error=false only against spans whose status is OK, which Envoy never sets.
    return expected === true && tagValue(span, "error") === "true";
  }
  if (key === "span.kind") return tagValue(span, key) === wanted.toLowerCase();
  if (key.startsWith("resource.")) {
    const resourceKey = key.slice("resource.".length);
    return span.process.tags.some((t) => t.key === resourceKey && t.value === wanted);
  }
  return tagValue(span, key) === wanted;
}

export function spanMatches(span: StoredSpan, search: TraceSearch): boolean {
  if (span.process.serviceName !== search.service) return false;
  if (search.operation !== "" && span.operationName !== search.operation) return false;
  if (span.startTime < search.startMinUs || span.startTime > search.startMaxUs) return false;
  if (search.minDurationUs !== 0 && span.duration < search.minDurationUs) return false;
  if (search.maxDurationUs !== 0 && span.duration > search.maxDurationUs) return false;
  for (const [key, wanted] of search.tags) if (!tagMatches(span, key, wanted)) return false;
  return true;
}
