import { NamespacePicker, RulePicker, ServicePicker, SubsetPicker } from "./cluster-pickers";
import { pickCanaryTarget, type CanaryForm } from "./experiment-form-model";
import { FieldGroup, FormFields, type FieldSpec } from "./form-field";

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
  {
    name: "minRequests",
    label: "Min requests to B per step",
    inputMode: "numeric",
    hint: "A step with fewer requests to B is not judged; after a second interval it counts as a failed check.",
  },
  { name: "failedCheckThreshold", label: "Failed checks before rollback", inputMode: "numeric" },
];

export function CanaryFields({
  form,
  set,
  replace,
}: {
  form: CanaryForm;
  set: (patch: Partial<CanaryForm>) => void;
  /** Picking a namespace or service resets what depended on it (experiment-form-model.ts). */
  replace: (update: (form: CanaryForm) => CanaryForm) => void;
}) {
  const { namespace, service } = form;
  return (
    <>
      <FieldGroup legend="Traffic">
        <NamespacePicker value={namespace} onChange={(ns) => replace((f) => pickCanaryTarget(f, { namespace: ns }))} />
        <ServicePicker
          label="Service"
          namespace={namespace}
          value={service}
          onChange={(svc) => replace((f) => pickCanaryTarget(f, { service: svc }))}
        />
        <SubsetPicker
          label="From subset (A)"
          namespace={namespace}
          service={service}
          value={form.from}
          onChange={(from) => set({ from })}
          hint="Takes the rule's traffic today; rollback restores the rule as it was."
          taken={form.to ? { name: form.to, as: "B" } : undefined}
        />
        <SubsetPicker
          label="To subset (B)"
          namespace={namespace}
          service={service}
          value={form.to}
          onChange={(to) => set({ to })}
          hint="Gets all traffic when every step passes."
          taken={form.from ? { name: form.from, as: "A" } : undefined}
        />
        <RulePicker
          namespace={namespace}
          service={service}
          value={form.rule}
          onChange={(rule) => set({ rule })}
          hint="The one HTTP rule the canary shifts. Header pins and other rules are never touched; abort puts the rule back exactly as it was."
        />
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
