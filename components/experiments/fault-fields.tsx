import { hypothesisScopes } from "@/lib/contracts/experiments";
import type { FaultForm } from "./experiment-form-model";
import { FieldGroup, FormField } from "./form-field";

export function FaultFields({ form, set }: { form: FaultForm; set: (patch: Partial<FaultForm>) => void }) {
  return (
    <>
      <FieldGroup legend="Target">
        <FormField label="Namespace" value={form.namespace} onChange={(namespace) => set({ namespace })} />
        <FormField label="Service" value={form.service} onChange={(service) => set({ service })} />
        <FormField
          label="Subset (optional)"
          value={form.subset}
          onChange={(subset) => set({ subset })}
          hint="Route the faulted requests to this subset; empty keeps each rule's own route."
        />
        <FormField label="Match header" value={form.matchHeader} onChange={(matchHeader) => set({ matchHeader })} />
        <FormField
          label="Header value (optional)"
          value={form.matchValue}
          onChange={(matchValue) => set({ matchValue })}
          hint="e.g. jason; empty = every request gets the fault."
        />
      </FieldGroup>
      <FieldGroup legend="Fault">
        <FormField
          label="Delay (ms)"
          value={form.delayMs}
          onChange={(delayMs) => set({ delayMs })}
          inputMode="numeric"
          hint="Empty for no delay."
        />
        <FormField
          label="Delay on (% of requests)"
          value={form.delayPercent}
          onChange={(delayPercent) => set({ delayPercent })}
          inputMode="decimal"
        />
        <FormField
          label="Abort HTTP status"
          value={form.abortStatus}
          onChange={(abortStatus) => set({ abortStatus })}
          inputMode="numeric"
          hint="Empty for no abort."
        />
        <FormField
          label="Abort on (% of requests)"
          value={form.abortPercent}
          onChange={(abortPercent) => set({ abortPercent })}
          inputMode="decimal"
        />
        <FormField
          label="Baseline (s)"
          value={form.baselineSeconds}
          onChange={(baselineSeconds) => set({ baselineSeconds })}
          inputMode="numeric"
        />
        <FormField
          label="Duration (s)"
          value={form.durationSeconds}
          onChange={(durationSeconds) => set({ durationSeconds })}
          inputMode="numeric"
          hint="The fault is removed at this deadline, even after a restart."
        />
        <FormField
          label="Recovery (s)"
          value={form.recoverySeconds}
          onChange={(recoverySeconds) => set({ recoverySeconds })}
          inputMode="numeric"
        />
      </FieldGroup>
      <FieldGroup legend="Steady-state hypothesis">
        <FormField
          label="Measured service"
          value={form.hypothesisService}
          onChange={(hypothesisService) => set({ hypothesisService })}
        />
        <label className="block space-y-1 text-sm">
          <span className="font-medium">Measure</span>
          <select
            className="w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
            value={form.hypothesisScope}
            onChange={(e) => set({ hypothesisScope: hypothesisScopes.find((s) => s === e.target.value) ?? "callers" })}
          >
            <option value="callers">requests to it, as its callers see them (injected faults show here)</option>
            <option value="inbound">
              requests it answers (not for the faulted service: the fault never reaches it)
            </option>
            <option value="outbound">calls it makes (degraded answers show here)</option>
          </select>
        </label>
        <FormField
          label="Min success rate (%)"
          value={form.minSuccessRate}
          onChange={(minSuccessRate) => set({ minSuccessRate })}
          inputMode="decimal"
        />
        <FormField
          label="Max p95 (ms)"
          value={form.maxP95Ms}
          onChange={(maxP95Ms) => set({ maxP95Ms })}
          inputMode="numeric"
        />
        <FormField
          label="Window (s)"
          value={form.windowSeconds}
          onChange={(windowSeconds) => set({ windowSeconds })}
          inputMode="numeric"
        />
        <FormField
          label="Stop early below success (%)"
          value={form.abortEarlyMinSuccessRate}
          onChange={(abortEarlyMinSuccessRate) => set({ abortEarlyMinSuccessRate })}
          inputMode="decimal"
          hint="Abort-early condition; empty = run the full duration."
        />
      </FieldGroup>
    </>
  );
}
