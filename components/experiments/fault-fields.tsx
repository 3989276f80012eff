import { hypothesisScopes } from "@/lib/contracts/experiments";
import { NamespacePicker, ServicePicker, SubsetPicker } from "./cluster-pickers";
import { pickFaultTarget, type FaultForm } from "./experiment-form-model";
import { FieldGroup, FormFields, type FieldSpec } from "./form-field";

const target: FieldSpec<FaultForm>[] = [
  { name: "matchHeader", label: "Match header" },
  { name: "matchValue", label: "Header value (optional)", hint: "e.g. jason; empty = every request gets the fault." },
];

const fault: FieldSpec<FaultForm>[] = [
  { name: "delayMs", label: "Delay (ms)", inputMode: "numeric", hint: "Empty for no delay." },
  { name: "delayPercent", label: "Delay on (% of requests)", inputMode: "decimal" },
  { name: "abortStatus", label: "Abort HTTP status", inputMode: "numeric", hint: "Empty for no abort." },
  { name: "abortPercent", label: "Abort on (% of requests)", inputMode: "decimal" },
  { name: "baselineSeconds", label: "Baseline (s)", inputMode: "numeric" },
  {
    name: "durationSeconds",
    label: "Duration (s)",
    inputMode: "numeric",
    hint: "The fault is removed at this deadline, even after a restart.",
  },
  { name: "recoverySeconds", label: "Recovery (s)", inputMode: "numeric" },
];

const hypothesis: FieldSpec<FaultForm>[] = [
  { name: "minSuccessRate", label: "Min success rate (%)", inputMode: "decimal" },
  { name: "maxP95Ms", label: "Max p95 (ms)", inputMode: "numeric" },
  { name: "windowSeconds", label: "Window (s)", inputMode: "numeric" },
  {
    name: "abortEarlyMinSuccessRate",
    label: "Stop early below success (%)",
    inputMode: "decimal",
    hint: "Abort-early condition; empty = run the full duration.",
  },
];

export function FaultFields({
  form,
  set,
  replace,
}: {
  form: FaultForm;
  set: (patch: Partial<FaultForm>) => void;
  /** Picking a namespace or service resets what depended on it (experiment-form-model.ts). */
  replace: (update: (form: FaultForm) => FaultForm) => void;
}) {
  const { namespace, service } = form;
  return (
    <>
      <FieldGroup legend="Target">
        <NamespacePicker value={namespace} onChange={(ns) => replace((f) => pickFaultTarget(f, { namespace: ns }))} />
        <ServicePicker
          label="Service"
          namespace={namespace}
          value={service}
          onChange={(svc) => replace((f) => pickFaultTarget(f, { service: svc }))}
        />
        <SubsetPicker
          label="Subset (optional)"
          namespace={namespace}
          service={service}
          value={form.subset}
          onChange={(subset) => set({ subset })}
          placeholder="Keep each rule's own route"
          hint="Route the faulted requests to this subset."
        />
        <FormFields fields={target} form={form} set={set} />
      </FieldGroup>
      <FieldGroup legend="Fault">
        <FormFields fields={fault} form={form} set={set} />
      </FieldGroup>
      <FieldGroup legend="Steady-state hypothesis">
        <ServicePicker
          label="Measured service"
          namespace={namespace}
          value={form.hypothesisService}
          onChange={(hypothesisService) => set({ hypothesisService })}
          hint="Follows the faulted service unless you pick another one."
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
        <FormFields fields={hypothesis} form={form} set={set} />
      </FieldGroup>
    </>
  );
}
