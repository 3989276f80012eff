/**
 * Retry policies and what each `retryOn` condition retries, as data. Istio's default for
 * an HTTP route is 2 retries on connect-failure,refused-stream,unavailable,cancelled: a 503
 * from a failed connection is retried, an application's 500 is not; a gRPC answer with
 * status 14 (UNAVAILABLE) or 1 (CANCELLED) is.
 *
 * Deliberately unlike the brief's "overflow is retried": Envoy never retries a reset whose
 * reason is Overflow (router/retry_state_impl.cc, wouldRetryFromReset: "we never retry if
 * the reset reason is overflow"), so a 503 UO from the client's own circuit breaker goes
 * straight back to the application. That is also why fortio sees a steady share of 503s
 * in Istio's circuit-breaking task.
 */
import type { HTTPRetry } from "@/lib/istio/types";
import { parseDurationMs } from "@/lib/istio/duration";
import { DEFAULT_RETRY_ATTEMPTS, retryConditionsOf } from "@/lib/istio/retry-defaults";
import type { RetryPolicy } from "./types";

/** Envoy's base retry back-off. */
export const RETRY_BACKOFF_BASE_MS = 25;

/** How a try ended, as the retry logic sees it; `grpcStatus` for the answer to a gRPC request. */
export type TryOutcome =
  | { kind: "response"; status: number; grpcStatus?: number }
  | { kind: "overflow" }
  | { kind: "connectFailure" }
  /** The upstream closed the connection it had accepted before answering (flag UC). */
  | { kind: "upstreamReset" }
  | { kind: "perTryTimeout" };

type Condition = (outcome: TryOutcome, policy: RetryPolicy) => boolean;

const isStatus = (outcome: TryOutcome, test: (status: number) => boolean): boolean =>
  outcome.kind === "response" && test(outcome.status);
/** Envoy's retry_grpc_on conditions read the grpc-status of the answer (HTTP 200 for gRPC). */
const isGrpcStatus = (outcome: TryOutcome, status: number): boolean =>
  outcome.kind === "response" && outcome.grpcStatus === status;

/**
 * What each retryOn condition covers (Envoy's x-envoy-retry-on and
 * x-envoy-retry-grpc-on semantics); gRPC conditions never fire for HTTP.
 */
const RETRY_CONDITIONS: Record<string, Condition> = {
  "5xx": (o) =>
    o.kind === "connectFailure" ||
    o.kind === "upstreamReset" ||
    o.kind === "perTryTimeout" ||
    isStatus(o, (s) => s >= 500),
  "gateway-error": (o) =>
    o.kind === "connectFailure" ||
    o.kind === "upstreamReset" ||
    o.kind === "perTryTimeout" ||
    isStatus(o, (s) => s === 502 || s === 503 || s === 504),
  reset: (o) => o.kind === "connectFailure" || o.kind === "upstreamReset" || o.kind === "perTryTimeout",
  "connect-failure": (o) => o.kind === "connectFailure",
  "refused-stream": () => false,
  "retriable-4xx": (o) => isStatus(o, (s) => s === 409),
  "retriable-status-codes": (o, p) => isStatus(o, (s) => p.retriableStatusCodes.has(s)),
  unavailable: (o) => isGrpcStatus(o, 14),
  cancelled: (o) => isGrpcStatus(o, 1),
  "deadline-exceeded": (o) => isGrpcStatus(o, 4),
  "resource-exhausted": (o) => isGrpcStatus(o, 8),
  internal: (o) => isGrpcStatus(o, 13),
};

export function buildRetryPolicy(retries: HTTPRetry | undefined, routeTimeoutMs: number | undefined): RetryPolicy {
  const attempts = retries?.attempts ?? DEFAULT_RETRY_ATTEMPTS;
  const retryOn = new Set<string>();
  const codes = new Set<number>();
  for (const part of retryConditionsOf(retries?.retryOn)) {
    // A bare status code means "retriable-status-codes" with that code.
    if (/^\d{3}$/.test(part)) {
      codes.add(Number(part));
      retryOn.add("retriable-status-codes");
    } else retryOn.add(part);
  }
  const perTry = retries?.perTryTimeout ? parseDurationMs(retries.perTryTimeout) : undefined;
  return {
    attempts: Math.max(0, attempts),
    perTryTimeoutMs: perTry && perTry > 0 ? perTry : routeTimeoutMs,
    retryOn,
    retriableStatusCodes: codes,
  };
}

export function isRetriable(outcome: TryOutcome, policy: RetryPolicy): boolean {
  if (outcome.kind === "overflow") return false;
  for (const condition of policy.retryOn) if (RETRY_CONDITIONS[condition]?.(outcome, policy)) return true;
  return false;
}

/** Envoy's jittered exponential back-off: uniform in [0, (2^n − 1) × 25 ms], capped at 10 × base. */
export function retryBackoffMs(retryNumber: number, random: () => number): number {
  const ceiling = Math.min((2 ** retryNumber - 1) * RETRY_BACKOFF_BASE_MS, 10 * RETRY_BACKOFF_BASE_MS);
  return random() * ceiling;
}
