/**
 * Fault injection: owns `fault.delay.fixedDelay`/`percentage` and `fault.abort.httpStatus`/
 * `percentage` of one HTTP rule (see rule-target.ts). Other fault kinds on that rule
 * (exponential delay, gRPC or HTTP/2 aborts) make the reader step aside; the builder never
 * touches any other rule or field. Both parts null removes the fault.
 */
import "server-only";
import type { FaultInjectionInput } from "@/lib/contracts/traffic";
import type { HTTPFaultInjection } from "@/lib/istio/types";
import {
  finishVirtualService,
  startVirtualService,
  unsupported,
  type WizardBuilt,
  type WizardExisting,
  type WizardReading,
} from "./common";
import { dropBareTargetRule, ensureTargetRule, readTarget } from "./rule-target";

export function readFaultInjection(existing: WizardExisting): WizardReading<FaultInjectionInput> {
  const read = readTarget(existing.virtualService?.spec?.http ?? [], (rule) => rule.fault !== undefined, "a fault");
  if ("supported" in read) return read;
  const fault = read.rule?.fault ?? {};
  const { delay, abort } = fault;
  if (
    delay &&
    (delay.exponentialDelay !== undefined || delay.percent !== undefined || delay.fixedDelay === undefined)
  ) {
    return unsupported("the delay uses a form the wizard does not show (exponential delay or the old integer percent)");
  }
  if (abort && abort.httpStatus === undefined)
    return unsupported("the abort returns a gRPC or HTTP/2 error, which the wizard does not show");
  return {
    supported: true,
    input: {
      target: read.target,
      delay: delay?.fixedDelay ? { fixedDelay: delay.fixedDelay, percentage: delay.percentage?.value ?? 0 } : null,
      abort:
        abort?.httpStatus !== undefined
          ? { httpStatus: abort.httpStatus, percentage: abort.percentage?.value ?? 0 }
          : null,
    },
  };
}

export function buildFaultInjection(existing: WizardExisting, input: FaultInjectionInput): WizardBuilt {
  const vs = startVirtualService(existing);
  const { http, index } = ensureTargetRule(vs, input.target, existing.service);
  const rule = http[index] ?? {};
  const fault: HTTPFaultInjection = { ...rule.fault };
  if (input.delay)
    fault.delay = { ...fault.delay, fixedDelay: input.delay.fixedDelay, percentage: { value: input.delay.percentage } };
  else delete fault.delay;
  if (input.abort)
    fault.abort = { ...fault.abort, httpStatus: input.abort.httpStatus, percentage: { value: input.abort.percentage } };
  else delete fault.abort;
  if (Object.keys(fault).length > 0) rule.fault = fault;
  else delete rule.fault;
  http[index] = rule;
  dropBareTargetRule(http, index, input.target);
  return { virtualService: finishVirtualService(existing, vs) };
}
