/**
 * How each proxy joins or starts a request's trace, as Envoy's tracer does with B3/W3C:
 *
 * - The first proxy to see a request without `x-request-id` (the ingress gateway, a mesh
 *   client's outbound sidecar, or an inbound sidecar whose caller has none) makes the
 *   request id and a new trace, sampled with the engine's `traceSamplingPercent`.
 * - Otherwise the proxy joins the trace in the headers; its span's parent is the caller's
 *   `x-b3-spanid`, and the sampling decision travels with `x-b3-sampled`.
 * - A client proxy sends its own span id upstream. A gateway makes two spans, its own and a
 *   child `router <cluster> egress` span (`routerSpanId`), and the upstream's parent is the
 *   router span. An inbound sidecar hands its application its own span id, so the app's
 *   forwarded headers (telemetry/trace-headers.ts) make the next client span its child.
 *
 * Ids come from the engine's separate id stream (engine/request-ids.ts).
 */
import type { TraceContext } from "../telemetry/proxy-record";
import { readIncomingTrace, REQUEST_ID_HEADER, traceHeadersOf, withTraceHeaders } from "../telemetry/trace-headers";
import type { EngineContext } from "./context";

export interface ProxySpan {
  requestId: string;
  trace: TraceContext;
  /** The request as the proxy passes it on: upstream (client side) or to its application (server side). */
  headers: Record<string, string>;
}

function joinOrStart(
  ctx: EngineContext,
  headers: Readonly<Record<string, string>>,
): { requestId: string; trace: TraceContext } {
  const requestId = headers[REQUEST_ID_HEADER] ?? ctx.ids.uuid();
  const incoming = headers[REQUEST_ID_HEADER] !== undefined ? readIncomingTrace(headers) : undefined;
  const spanId = ctx.ids.spanId();
  if (incoming)
    return {
      requestId,
      trace: {
        traceId: incoming.traceId,
        spanId,
        ...(incoming.parentSpanId !== undefined ? { parentSpanId: incoming.parentSpanId } : {}),
        sampled: incoming.sampled,
      },
    };
  return {
    requestId,
    trace: { traceId: ctx.ids.traceId(), spanId, sampled: ctx.ids.sample(ctx.traceSamplingPercent) },
  };
}

/** A sidecar's outbound side or a gateway, about to route the request upstream. */
export function startClientSpan(
  ctx: EngineContext,
  headers: Readonly<Record<string, string>>,
  gateway: boolean,
): ProxySpan {
  const { requestId, trace } = joinOrStart(ctx, headers);
  const routed: TraceContext = gateway ? { ...trace, routerSpanId: ctx.ids.spanId() } : trace;
  const sent =
    routed.routerSpanId !== undefined
      ? traceHeadersOf(requestId, routed, routed.routerSpanId, routed.spanId)
      : traceHeadersOf(requestId, routed, routed.spanId, routed.parentSpanId);
  return { requestId, trace: routed, headers: withTraceHeaders(headers, sent) };
}

/** An inbound sidecar, about to hand the request to its application. */
export function startServerSpan(ctx: EngineContext, headers: Readonly<Record<string, string>>): ProxySpan {
  const { requestId, trace } = joinOrStart(ctx, headers);
  return {
    requestId,
    trace,
    headers: withTraceHeaders(headers, traceHeadersOf(requestId, trace, trace.spanId, trace.parentSpanId)),
  };
}
