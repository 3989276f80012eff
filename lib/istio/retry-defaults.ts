/**
 * Istio's retry policy for an HTTP route that sets no `retries` (istio-facts §4, from
 * istio/istio's networking/core/route/retry): 2 retries after the first try, on
 * connect-failure, refused-stream, unavailable and cancelled. `attempts: 0` disables retries;
 * a route sends at most 1 + attempts requests. perTryTimeout defaults to the route's timeout.
 * The simulator's router (lib/istio/routing/retry-policy.ts) and the console's budget analysis
 * (server/diagnosis) read the same figures from here.
 */
export const DEFAULT_RETRY_ATTEMPTS = 2;
export const DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled";

/** `retryOn` as its conditions: comma-separated, blanks dropped; an empty or absent text means Istio's default. */
export function retryConditionsOf(retryOn: string | undefined): string[] {
  const text = retryOn && retryOn.trim() !== "" ? retryOn : DEFAULT_RETRY_ON;
  return text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}
