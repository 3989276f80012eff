"use client";

import type { FaultInjectionInput, TrafficState } from "@/lib/contracts/traffic";
import { experimentFormHref } from "@/components/experiments/experiment-links";
import { NumberField, TextField, ToggleSection } from "./fields";
import { RuleTargetFields } from "./rule-target-fields";

/** Delay and/or abort, for all traffic or one header match; both off removes the fault. */
export function FaultInjectionForm({
  state,
  value,
  onChange,
}: {
  state: TrafficState;
  value: FaultInjectionInput;
  onChange(value: FaultInjectionInput): void;
}) {
  return (
    <div className="flex flex-col gap-4">
      <RuleTargetFields value={value.target} onChange={(target) => onChange({ ...value, target })} />
      <ToggleSection
        label="Delay"
        on={value.delay !== null}
        onToggle={(on) => onChange({ ...value, delay: on ? { fixedDelay: "5s", percentage: 100 } : null })}
      >
        {value.delay && (
          <>
            <TextField
              label="Fixed delay"
              value={value.delay.fixedDelay}
              placeholder="5s"
              onChange={(fixedDelay) =>
                value.delay && onChange({ ...value, delay: { ...value.delay, fixedDelay: fixedDelay ?? "" } })
              }
              errorKey="delay.fixedDelay"
            />
            <NumberField
              label="Delay percentage"
              value={value.delay.percentage}
              min={0}
              max={100}
              step={0.1}
              onChange={(p) => value.delay && onChange({ ...value, delay: { ...value.delay, percentage: p ?? 0 } })}
              errorKey="delay.percentage"
            />
          </>
        )}
      </ToggleSection>
      <ToggleSection
        label="Abort"
        on={value.abort !== null}
        onToggle={(on) => onChange({ ...value, abort: on ? { httpStatus: 500, percentage: 100 } : null })}
      >
        {value.abort && (
          <>
            <NumberField
              label="HTTP status"
              value={value.abort.httpStatus}
              min={200}
              max={599}
              onChange={(s) => value.abort && onChange({ ...value, abort: { ...value.abort, httpStatus: s ?? 0 } })}
              errorKey="abort.httpStatus"
            />
            <NumberField
              label="Abort percentage"
              value={value.abort.percentage}
              min={0}
              max={100}
              step={0.1}
              onChange={(p) => value.abort && onChange({ ...value, abort: { ...value.abort, percentage: p ?? 0 } })}
              errorKey="abort.percentage"
            />
          </>
        )}
      </ToggleSection>
      {!value.delay && !value.abort && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          No delay and no abort: applying removes the fault from this rule.
        </p>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-300">
        A fault applied here stays until you remove it. To inject one for a set time, watched by health gates and
        removed automatically,{" "}
        <a className="underline" href={experimentFormHref("fault", state.namespace, state.service)}>
          start a fault experiment
        </a>
        .
      </p>
    </div>
  );
}
