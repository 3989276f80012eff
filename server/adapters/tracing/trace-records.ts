/**
 * The tracing backend's answers in Topsail's own shape, whatever the backend: a Jaeger v1
 * adapter fills these today; a Jaeger `/api/v3` or Tempo adapter would fill the same, so the
 * domain (server/tracing) never sees a vendor's JSON.
 */
import "server-only";

export interface SpanRecord {
  traceId: string;
  spanId: string;
  /** The span this one is a CHILD_OF (or follows from); absent for a root span. */
  parentSpanId?: string;
  operation: string;
  /** Epoch milliseconds (fractions kept: Jaeger counts microseconds). */
  startMs: number;
  durationMs: number;
  /** The process's service name, for Istio's proxies `<app>.<namespace>`. */
  service: string;
  /** The span's tags, then its process's tags where the span has none of that key; values as text. */
  tags: Record<string, string>;
}

export interface TraceRecord {
  traceId: string;
  spans: SpanRecord[];
}

export interface TraceSearch {
  service: string;
  operation?: string;
  /** Span tags that must all match on one span of `service`. */
  tags?: Record<string, string>;
  start: Date;
  end: Date;
  minDurationMs?: number;
  limit: number;
}

/** What the console asks of a tracing backend; kept small so another backend's adapter fits it. */
export interface TracingClient {
  readonly url: string;
  listServices(): Promise<string[]>;
  listOperations(service: string): Promise<string[]>;
  searchTraces(search: TraceSearch): Promise<TraceRecord[]>;
  /** Undefined when the backend has no trace with this id. */
  getTrace(traceId: string): Promise<TraceRecord | undefined>;
}
