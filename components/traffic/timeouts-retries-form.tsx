"use client";

import type { TimeoutsRetriesInput } from "@/lib/contracts/traffic";
import { NumberField, TextField, ToggleSection } from "./fields";
import { RuleTargetFields } from "./rule-target-fields";

/** Request timeout and retry policy; empty fields leave Istio's defaults (no timeout; 2 retries). */
export function TimeoutsRetriesForm({
  value,
  onChange,
}: {
  value: TimeoutsRetriesInput;
  onChange(value: TimeoutsRetriesInput): void;
}) {
  return (
    <div className="flex flex-col gap-4">
      <RuleTargetFields value={value.target} onChange={(target) => onChange({ ...value, target })} />
      <TextField
        label="Timeout"
        value={value.timeout}
        placeholder="off (e.g. 2s)"
        onChange={(timeout) => onChange({ ...value, timeout })}
        errorKey="timeout"
        hint="Empty: no timeout (Istio's default)."
      />
      <ToggleSection
        label="Retries"
        on={value.retries !== null}
        onToggle={(on) =>
          onChange({
            ...value,
            retries: on
              ? {
                  attempts: 3,
                  perTryTimeout: null,
                  retryOn: "connect-failure,refused-stream,unavailable,cancelled,5xx",
                }
              : null,
          })
        }
      >
        {value.retries && (
          <>
            <NumberField
              label="Attempts"
              value={value.retries.attempts}
              min={0}
              max={100}
              onChange={(a) => value.retries && onChange({ ...value, retries: { ...value.retries, attempts: a ?? 0 } })}
              hint="0 turns retries off."
              errorKey="retries.attempts"
            />
            <TextField
              label="Per-try timeout"
              value={value.retries.perTryTimeout}
              placeholder="the route timeout"
              onChange={(perTryTimeout) =>
                value.retries && onChange({ ...value, retries: { ...value.retries, perTryTimeout } })
              }
              errorKey="retries.perTryTimeout"
            />
            <TextField
              label="Retry on"
              value={value.retries.retryOn}
              placeholder="connect-failure,5xx"
              onChange={(retryOn) => value.retries && onChange({ ...value, retries: { ...value.retries, retryOn } })}
              errorKey="retries.retryOn"
            />
          </>
        )}
      </ToggleSection>
    </div>
  );
}
