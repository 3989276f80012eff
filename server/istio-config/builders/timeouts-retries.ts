/**
 * Timeouts & retries: owns `timeout` and `retries` (attempts, perTryTimeout, retryOn) of one
 * HTTP rule (see rule-target.ts). Other retry fields (retryRemoteLocalities…) are kept.
 * A null timeout or null retries removes the field, leaving Istio's defaults.
 */
import "server-only";
import type { TimeoutsRetriesInput } from "@/lib/contracts/traffic";
import type { HTTPRetry } from "@/lib/istio/types";
import {
  finishVirtualService,
  startVirtualService,
  type WizardBuilt,
  type WizardExisting,
  type WizardReading,
} from "./common";
import { dropBareTargetRule, ensureTargetRule, readTarget } from "./rule-target";

export function readTimeoutsRetries(existing: WizardExisting): WizardReading<TimeoutsRetriesInput> {
  const read = readTarget(
    existing.virtualService?.spec?.http ?? [],
    (rule) => rule.timeout !== undefined || rule.retries !== undefined,
    "a timeout or retries",
  );
  if ("supported" in read) return read;
  const retries = read.rule?.retries;
  return {
    supported: true,
    input: {
      target: read.target,
      timeout: read.rule?.timeout ?? null,
      retries: retries
        ? {
            attempts: retries.attempts ?? 0,
            perTryTimeout: retries.perTryTimeout ?? null,
            retryOn: retries.retryOn ?? null,
          }
        : null,
    },
  };
}

export function buildTimeoutsRetries(existing: WizardExisting, input: TimeoutsRetriesInput): WizardBuilt {
  const vs = startVirtualService(existing);
  const { http, index } = ensureTargetRule(vs, input.target, existing.service);
  const rule = http[index] ?? {};
  if (input.timeout) rule.timeout = input.timeout;
  else delete rule.timeout;
  if (input.retries) {
    const retries: HTTPRetry = { ...rule.retries, attempts: input.retries.attempts };
    if (input.retries.perTryTimeout) retries.perTryTimeout = input.retries.perTryTimeout;
    else delete retries.perTryTimeout;
    if (input.retries.retryOn) retries.retryOn = input.retries.retryOn;
    else delete retries.retryOn;
    rule.retries = retries;
  } else delete rule.retries;
  http[index] = rule;
  dropBareTargetRule(http, index, input.target);
  return { virtualService: finishVirtualService(existing, vs) };
}
