import type { CanaryForm } from "./experiment-form-model";
import { FieldGroup, FormFields, type FieldSpec } from "./form-field";

const traffic: FieldSpec<CanaryForm>[] = [
  { name: "namespace", label: "Namespace" },
  { name: "service", label: "Service" },
  {
    name: "from",
    label: "From subset (A)",
    hint: "Takes the rule's traffic today; rollback restores the rule as it was.",
  },
  { name: "to", label: "To subset (B)", hint: "Gets all traffic when every step passes." },
  {
    name: "rule",
    label: "Rule (route name)",
    hint: "The one HTTP rule the canary shifts; empty = the catch-all. Header pins and other rules are never touched; abort puts the rule back exactly as it was.",
  },
];

const steps: FieldSpec<CanaryForm>[] = [
  {
    name: "steps",
    label: "Steps (% to B)",
    hint: "Increasing, e.g. 10, 50, 100. Leave empty to use step weight and max weight.",
  },
  {
    name: "intervalSeconds",
    label: "Interval per step (s)",
    inputMode: "numeric",
    hint: "Each step is judged on its own traffic over this interval.",
  },
  { name: "stepWeight", label: "Step weight (%)", inputMode: "numeric" },
  { name: "maxWeight", label: "Max weight (%)", inputMode: "numeric" },
];

const gates: FieldSpec<CanaryForm>[] = [
  { name: "minSuccessRate", label: "Min success rate (%)", inputMode: "decimal" },
  { name: "maxP95Ms", label: "Max p95 (ms)", inputMode: "numeric" },
  { name: "maxP99Ms", label: "Max p99 (ms)", inputMode: "numeric" },
  {
    name: "maxSuccessRateDrop",
    label: "Max drop below A (points)",
    inputMode: "decimal",
    hint: "B's success rate may be at most this far below A's.",
  },
  { name: "failedCheckThreshold", label: "Failed checks before rollback", inputMode: "numeric" },
];

export function CanaryFields({ form, set }: { form: CanaryForm; set: (patch: Partial<CanaryForm>) => void }) {
  return (
    <>
      <FieldGroup legend="Traffic">
        <FormFields fields={traffic} form={form} set={set} />
      </FieldGroup>
      <FieldGroup legend="Steps">
        <FormFields fields={steps} form={form} set={set} />
      </FieldGroup>
      <FieldGroup legend="Gates on B">
        <FormFields fields={gates} form={form} set={set} />
      </FieldGroup>
    </>
  );
}
