/** HTTP retry policy: attempts, perTryTimeout and the retryOn conditions Envoy knows. */
import type { HTTPRetry } from "../../types";
import { validateDuration } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";

const RETRY_ON = new Set([
  "5xx",
  "gateway-error",
  "reset",
  "reset-before-request",
  "connect-failure",
  "retriable-4xx",
  "refused-stream",
  "retriable-status-codes",
  "retriable-headers",
  "envoy-ratelimited",
  "http3-post-connect-failure",
  "cancelled",
  "deadline-exceeded",
  "internal",
  "resource-exhausted",
  "unavailable",
]);

/** Go's http.StatusText is non-empty for the registered codes; a number in 100..599 is close enough. */
function isHttpStatus(text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= 100 && n <= 599;
}

export function checkRetries(f: Findings, path: string, retries: HTTPRetry | undefined): void {
  if (!retries) return;
  const attempts = retries.attempts ?? 0;
  if (attempts < 0) f.error(`${path}/attempts`, M.attemptsNegative());
  if (
    attempts === 0 &&
    (retries.perTryTimeout !== undefined ||
      (retries.retryOn ?? "") !== "" ||
      retries.retryRemoteLocalities !== undefined)
  ) {
    f.error(path, M.retryPolicyWithZeroAttempts());
  }
  if (retries.perTryTimeout !== undefined) f.error(`${path}/perTryTimeout`, validateDuration(retries.perTryTimeout));
  if (retries.retryOn) {
    for (const policy of retries.retryOn.split(",")) {
      if (!isHttpStatus(policy) && !RETRY_ON.has(policy)) f.error(`${path}/retryOn`, M.retryOnInvalid(policy));
    }
  }
  if (retries.backoff !== undefined) f.error(`${path}/backoff`, validateDuration(retries.backoff));
}
