import type { CanaryForm } from "./experiment-form-model";
import { FieldGroup, FormField } from "./form-field";

export function CanaryFields({ form, set }: { form: CanaryForm; set: (patch: Partial<CanaryForm>) => void }) {
  return (
    <>
      <FieldGroup legend="Traffic">
        <FormField label="Namespace" value={form.namespace} onChange={(namespace) => set({ namespace })} />
        <FormField label="Service" value={form.service} onChange={(service) => set({ service })} />
        <FormField
          label="From subset (A)"
          value={form.from}
          onChange={(from) => set({ from })}
          hint="Takes the rule's traffic today; rollback restores the rule as it was."
        />
        <FormField
          label="To subset (B)"
          value={form.to}
          onChange={(to) => set({ to })}
          hint="Gets all traffic when every step passes."
        />
        <FormField
          label="Rule (route name)"
          value={form.rule}
          onChange={(rule) => set({ rule })}
          hint="The one HTTP rule the canary shifts; empty = the catch-all. Header pins and other rules are never touched; abort puts the rule back exactly as it was."
        />
      </FieldGroup>
      <FieldGroup legend="Steps">
        <FormField
          label="Steps (% to B)"
          value={form.steps}
          onChange={(steps) => set({ steps })}
          hint="Increasing, e.g. 10, 50, 100. Leave empty to use step weight and max weight."
        />
        <FormField
          label="Interval per step (s)"
          value={form.intervalSeconds}
          onChange={(intervalSeconds) => set({ intervalSeconds })}
          inputMode="numeric"
          hint="Each step is judged on its own traffic over this interval."
        />
        <FormField
          label="Step weight (%)"
          value={form.stepWeight}
          onChange={(stepWeight) => set({ stepWeight })}
          inputMode="numeric"
        />
        <FormField
          label="Max weight (%)"
          value={form.maxWeight}
          onChange={(maxWeight) => set({ maxWeight })}
          inputMode="numeric"
        />
      </FieldGroup>
      <FieldGroup legend="Gates on B">
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
          label="Max p99 (ms)"
          value={form.maxP99Ms}
          onChange={(maxP99Ms) => set({ maxP99Ms })}
          inputMode="numeric"
        />
        <FormField
          label="Max drop below A (points)"
          value={form.maxSuccessRateDrop}
          onChange={(maxSuccessRateDrop) => set({ maxSuccessRateDrop })}
          inputMode="decimal"
          hint="B's success rate may be at most this far below A's."
        />
        <FormField
          label="Failed checks before rollback"
          value={form.failedCheckThreshold}
          onChange={(failedCheckThreshold) => set({ failedCheckThreshold })}
          inputMode="numeric"
        />
      </FieldGroup>
    </>
  );
}
