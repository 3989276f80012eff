/**
 * gRPC on top of the HTTP journey, as Envoy and Istio's stats filter see it:
 * - a request is gRPC when its content-type is application/grpc — what makes Istio report
 *   `request_protocol="grpc"`; applications speak gRPC to a service port whose name (or
 *   appProtocol) says grpc, Istio's protocol selection (lib/istio/routing/build-snapshot.ts);
 * - a gRPC server answers HTTP 200 and puts its status in the grpc-status trailer: success
 *   is 0 (OK), a failure e.g. 14 (UNAVAILABLE) — still `response_code="200"`;
 * - an answer Envoy generates itself (no healthy upstream, overflow, timeout, fault abort)
 *   is, for a gRPC request, a trailers-only HTTP 200 whose grpc-status is mapped from the
 *   HTTP status it would have sent;
 * - grpc_response_status is the reported status, else inferred from the HTTP status, and
 *   empty when no response was sent (code 0).
 */
import type { HttpRequest } from "@/lib/istio/routing/types";

export const GRPC_CONTENT_TYPE = "application/grpc";

export function isGrpcRequest(request: HttpRequest): boolean {
  return request.headers["content-type"] === GRPC_CONTENT_TYPE;
}

/** The gRPC status codes this simulator reports by name (google.rpc.Code). */
export const GRPC_STATUS = {
  ok: 0,
  unknown: 2,
  unimplemented: 12,
  internal: 13,
  unavailable: 14,
  unauthenticated: 16,
  permissionDenied: 7,
} as const;

/** Envoy's HTTP → gRPC status mapping (gRPC's http-grpc-status-mapping); anything else is UNKNOWN. */
const FROM_HTTP: Readonly<Record<number, number>> = {
  400: GRPC_STATUS.internal,
  401: GRPC_STATUS.unauthenticated,
  403: GRPC_STATUS.permissionDenied,
  404: GRPC_STATUS.unimplemented,
  429: GRPC_STATUS.unavailable,
  502: GRPC_STATUS.unavailable,
  503: GRPC_STATUS.unavailable,
  504: GRPC_STATUS.unavailable,
};

export function grpcStatusFromHttp(status: number): number {
  return FROM_HTTP[status] ?? GRPC_STATUS.unknown;
}

/** What a proxy reports for an answer: the HTTP code and, for gRPC, the status ("" = none). */
export interface ReportedOutcome {
  code: number;
  grpcStatus: number | undefined;
}

/**
 * The outcome of a gRPC request as its proxies report it. `local` = Envoy answered itself
 * (trailers-only 200); otherwise the upstream's code stands and a missing status is inferred.
 */
export function grpcOutcome(status: number, grpcStatus: number | undefined, local: boolean): ReportedOutcome {
  if (status === 0) return { code: 0, grpcStatus: undefined };
  if (grpcStatus !== undefined) return { code: status, grpcStatus };
  return { code: local ? 200 : status, grpcStatus: grpcStatusFromHttp(status) };
}
