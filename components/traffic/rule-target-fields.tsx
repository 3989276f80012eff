"use client";

import { stringMatchTypes, type RuleTarget } from "@/lib/contracts/traffic";
import { SelectField, TextField } from "./fields";

const matchTypeOptions = stringMatchTypes.map((t) => ({ value: t, label: t }));

/** "All traffic" (the catch-all rule) or the requests carrying one header, e.g. end-user = jason. */
export function RuleTargetFields({ value, onChange }: { value: RuleTarget; onChange(value: RuleTarget): void }) {
  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-300">Applies to</legend>
      <SelectField
        label="Requests"
        value={value.kind}
        options={[
          { value: "all", label: "All traffic" },
          { value: "header", label: "Requests with a header" },
        ]}
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
          />
        </>
      )}
    </fieldset>
  );
}
