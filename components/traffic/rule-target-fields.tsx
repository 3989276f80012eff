"use client";

import { stringMatchTypes, type RuleTarget } from "@/lib/contracts/traffic";
import { SelectField, TextField } from "./fields";

const matchTypeOptions = stringMatchTypes.map((t) => ({ value: t, label: t }));

/**
 * Which HTTP rule the change goes on (server/istio-config/builders/rule-target.ts): the catch-all — so
 * the requests no other rule matches; a rule such as "end-user = jason → v2" keeps its own settings —
 * or the rule matching one header, e.g. end-user = jason. The option says which, rather than "all
 * traffic", because requests an earlier rule matches never reach the catch-all.
 */
export const ruleTargetOptions = [
  { value: "all", label: "Requests no other rule matches (the catch-all rule)" },
  { value: "header", label: "Requests with a header" },
] as const satisfies readonly { value: RuleTarget["kind"]; label: string }[];

export function RuleTargetFields({ value, onChange }: { value: RuleTarget; onChange(value: RuleTarget): void }) {
  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">Applies to</legend>
      <SelectField
        label="Requests"
        value={value.kind}
        options={ruleTargetOptions}
        hint={
          value.kind === "all"
            ? "Requests that a header or path rule matches first keep that rule's settings."
            : "The rule for this header; added before the other rules if there is none yet."
        }
        onChange={(kind) =>
          onChange(kind === "all" ? { kind: "all" } : { kind: "header", name: "end-user", type: "exact", value: "" })
        }
      />
      {value.kind === "header" && (
        <>
          <TextField
            label="Header"
            value={value.name}
            onChange={(name) => onChange({ ...value, name: name ?? "" })}
            placeholder="end-user"
            errorKey="target.name"
          />
          <SelectField
            label="Match"
            value={value.type}
            options={matchTypeOptions}
            onChange={(type) => onChange({ ...value, type })}
          />
          <TextField
            label="Value"
            value={value.value}
            onChange={(v) => onChange({ ...value, value: v ?? "" })}
            placeholder="jason"
            errorKey="target.value"
          />
        </>
      )}
    </fieldset>
  );
}
