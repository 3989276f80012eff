/**
 * The figures of one VirtualService HTTP rule (or of Istio's default route, when no
 * VirtualService routes the host) that bound a hop's time and load: the route's timeout, the
 * per-try timeout, the retries and what they retry on, and an injected delay. Istio's
 * defaults come from lib/istio/retry-defaults.ts: no timeout, 2 retries on conditions that
 * never re-send a request the app took; perTryTimeout defaults to the route's timeout.
 */
import "server-only";
import { parseDurationMs } from "@/lib/istio/duration";
import { DEFAULT_RETRY_ATTEMPTS, retryConditionsOf } from "@/lib/istio/retry-defaults";
import type { HTTPRoute } from "@/lib/istio/types";
import { resendingConditions, retriesPerTryTimeouts } from "./retry-conditions";

export interface RoutePolicy {
  /** `timeout`; absent = none (Istio's default). A zero duration disables it too. */
  timeoutMs?: number;
  /** `retries.perTryTimeout` as written; absent = each try may take the whole route timeout. */
  perTryTimeoutMs?: number;
  /** Retries after the first try (Istio's `attempts`). */
  retries: number;
  /** Whether `retries` came from the rule (false = Istio's default policy). */
  explicitRetries: boolean;
  /** The retry conditions that may send again a request the app already took. */
  resendingOn: string[];
  retriesTimeouts: boolean;
  /**
   * `fault.delay.fixedDelay` when some requests get it; the fault filter runs before the
   * router, so outside the timeout.
   */
  delayMs?: number;
}

const positiveMs = (text: string | undefined): number | undefined => {
  const ms = text === undefined ? undefined : parseDurationMs(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
};

/** No percentage means no fault (istio-facts §4); `percent` is the deprecated integer form. */
function delayOf(rule: HTTPRoute): number | undefined {
  const delay = rule.fault?.delay;
  if (!delay) return undefined;
  const share = delay.percentage?.value ?? delay.percent ?? 0;
  return share > 0 ? positiveMs(delay.fixedDelay) : undefined;
}

export function routePolicyOf(rule: HTTPRoute | undefined): RoutePolicy {
  const conditions = retryConditionsOf(rule?.retries?.retryOn);
  const timeoutMs = positiveMs(rule?.timeout);
  const perTryTimeoutMs = positiveMs(rule?.retries?.perTryTimeout);
  const delayMs = rule ? delayOf(rule) : undefined;
  return {
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(perTryTimeoutMs !== undefined ? { perTryTimeoutMs } : {}),
    retries: Math.max(0, rule?.retries?.attempts ?? DEFAULT_RETRY_ATTEMPTS),
    explicitRetries: rule?.retries !== undefined,
    resendingOn: resendingConditions(conditions),
    retriesTimeouts: retriesPerTryTimeouts(conditions),
    ...(delayMs !== undefined ? { delayMs } : {}),
  };
}

/** Requests the destination's app may receive per request the proxy is handed. */
export function proxyTries(policy: RoutePolicy): number {
  return policy.resendingOn.length > 0 ? 1 + policy.retries : 1;
}
