/**
 * What each `retryOn` condition means for a budget, as data (Envoy's x-envoy-retry-on and
 * x-envoy-retry-grpc-on, the same conditions lib/istio/routing/retry-policy.ts acts on):
 *  - `resends`: the retry may send again a request the destination's app already received —
 *    it multiplies the app's load, and repeats a non-idempotent request's effect;
 *  - `onPerTryTimeout`: a try cut by `perTryTimeout` is retried, so the tries' timeouts add up.
 * connect-failure and refused-stream retry requests that never reached the app. gRPC's
 * UNAVAILABLE and CANCELLED (in Istio's default) are the statuses gRPC's retry design deems
 * safe to retry, so they count as not re-sending. A gRPC condition cannot tell from a known
 * HTTP call whether its port carries gRPC, so the re-sending ones count wherever they are set.
 */
import "server-only";

interface RetryCondition {
  resends: boolean;
  onPerTryTimeout: boolean;
}

const RETRY_CONDITIONS: Record<string, RetryCondition> = {
  "5xx": { resends: true, onPerTryTimeout: true },
  "gateway-error": { resends: true, onPerTryTimeout: true },
  reset: { resends: true, onPerTryTimeout: true },
  "connect-failure": { resends: false, onPerTryTimeout: false },
  "refused-stream": { resends: false, onPerTryTimeout: false },
  "http3-post-connect-failure": { resends: false, onPerTryTimeout: false },
  "envoy-ratelimited": { resends: false, onPerTryTimeout: false },
  "retriable-4xx": { resends: true, onPerTryTimeout: false },
  "retriable-status-codes": { resends: true, onPerTryTimeout: false },
  "retriable-headers": { resends: true, onPerTryTimeout: false },
  unavailable: { resends: false, onPerTryTimeout: false },
  cancelled: { resends: false, onPerTryTimeout: false },
  "deadline-exceeded": { resends: true, onPerTryTimeout: false },
  "resource-exhausted": { resends: true, onPerTryTimeout: false },
  internal: { resends: true, onPerTryTimeout: false },
};

/** A bare status code ("503") is retriable-status-codes with that code; an unknown word retries nothing. */
function conditionOf(name: string): RetryCondition | undefined {
  return /^\d{3}$/.test(name) ? RETRY_CONDITIONS["retriable-status-codes"] : RETRY_CONDITIONS[name];
}

/** The conditions of a policy that may send again a request the app already took. */
export function resendingConditions(conditions: readonly string[]): string[] {
  return conditions.filter((c) => conditionOf(c)?.resends === true);
}

export function retriesPerTryTimeouts(conditions: readonly string[]): boolean {
  return conditions.some((c) => conditionOf(c)?.onPerTryTimeout === true);
}
