/**
 * B3 and W3C trace-context headers as Envoy reads and writes them, and the headers an
 * application must copy from its incoming request onto its outgoing calls for a trace to
 * join up (Bookinfo's productpage and reviews do exactly this). Pure: ids come in from the
 * caller (engine/request-ids.ts).
 */
import { TRACE_CONTEXT_HEADERS } from "@/lib/istio/sample-client-calls";

export const REQUEST_ID_HEADER = "x-request-id";

/** What applications forward: the request id and the trace context in both encodings (the samples' table says so). */
export const TRACE_HEADERS = TRACE_CONTEXT_HEADERS;

/** The trace a request already belongs to, from its headers; undefined = the proxy starts one. */
export interface IncomingTrace {
  traceId: string;
  /** The caller's span (x-b3-spanid), the parent of the proxy's own span. */
  parentSpanId?: string;
  sampled: boolean;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export function readIncomingTrace(headers: Readonly<Record<string, string>>): IncomingTrace | undefined {
  const b3 = headers["x-b3-traceid"];
  if (b3 !== undefined && TRACE_ID.test(b3)) {
    const span = headers["x-b3-spanid"];
    return {
      traceId: b3,
      ...(span !== undefined && SPAN_ID.test(span) ? { parentSpanId: span } : {}),
      sampled: headers["x-b3-sampled"] !== "0",
    };
  }
  const w3c = TRACEPARENT.exec(headers.traceparent ?? "");
  if (w3c?.[1] && w3c[2] && w3c[3])
    return { traceId: w3c[1], parentSpanId: w3c[2], sampled: (parseInt(w3c[3], 16) & 1) === 1 };
  return undefined;
}

/**
 * The headers a proxy sends on (upstream, or to its application) with `spanId` as the span
 * the receiver's spans are children of.
 */
export function traceHeadersOf(
  requestId: string,
  trace: { traceId: string; sampled: boolean },
  spanId: string,
  parentSpanId: string | undefined,
): Record<string, string> {
  return {
    [REQUEST_ID_HEADER]: requestId,
    "x-b3-traceid": trace.traceId,
    "x-b3-spanid": spanId,
    ...(parentSpanId !== undefined ? { "x-b3-parentspanid": parentSpanId } : {}),
    "x-b3-sampled": trace.sampled ? "1" : "0",
    traceparent: `00-${trace.traceId}-${spanId}-${trace.sampled ? "01" : "00"}`,
  };
}

/** The request's headers with the trace headers replaced (a stale x-b3-parentspanid must not survive). */
export function withTraceHeaders(
  headers: Readonly<Record<string, string>>,
  trace: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (!(TRACE_HEADERS as readonly string[]).includes(name)) out[name] = value;
  return { ...out, ...trace };
}
