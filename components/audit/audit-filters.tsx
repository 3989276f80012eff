"use client";

import { LabelledField } from "@/components/ui/labelled-field";
import { istioKinds } from "@/lib/istio/kinds";
import type { AuditFilters } from "@/lib/queries/audit";

const inputClass = "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900";
const sources = ["", "wizard", "editor", "experiment", "rollback", "external"] as const;
const statuses = ["", "pending", "applied", "failed"] as const;
// Every kind Topsail writes: the Istio kinds, and the objects that carry sidecar-injection settings.
const kinds = [...istioKinds.map((k) => k.kind), "Namespace", "Deployment"];

/**
 * Filters by object (kind and name), actor, source, status and time; every change goes to the URL. The namespaces are
 * the top bar's selection, as on every page.
 */
export function AuditFiltersBar({ value, onChange }: { value: AuditFilters; onChange(next: AuditFilters): void }) {
  const text = (key: keyof AuditFilters, label: string, placeholder?: string) => (
    <LabelledField label={label}>
      {(id) => (
        <input
          id={id}
          className={`${inputClass} w-36`}
          defaultValue={value[key] ?? ""}
          placeholder={placeholder}
          onBlur={(e) => onChange({ ...value, [key]: e.target.value.trim() || undefined })}
          onKeyDown={(e) =>
            e.key === "Enter" && onChange({ ...value, [key]: e.currentTarget.value.trim() || undefined })
          }
        />
      )}
    </LabelledField>
  );
  const time = (key: "since" | "until", label: string) => (
    <LabelledField label={label}>
      {(id) => (
        <input
          id={id}
          type="datetime-local"
          className={inputClass}
          defaultValue={value[key] ? new Date(value[key]).toISOString().slice(0, 16) : ""}
          onChange={(e) =>
            onChange({ ...value, [key]: e.target.value ? new Date(e.target.value).toISOString() : undefined })
          }
        />
      )}
    </LabelledField>
  );
  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <LabelledField label="Kind">
        {(id) => (
          <select
            id={id}
            className={inputClass}
            value={value.kind ?? ""}
            onChange={(e) => onChange({ ...value, kind: e.target.value || undefined })}
          >
            <option value="">any</option>
            {kinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        )}
      </LabelledField>
      {text("name", "Name", "reviews")}
      {text("actor", "Actor")}
      <LabelledField label="Source">
        {(id) => (
          <select
            id={id}
            className={inputClass}
            value={value.source ?? ""}
            onChange={(e) => onChange({ ...value, source: e.target.value || undefined })}
          >
            {sources.map((s) => (
              <option key={s} value={s}>
                {s || "any"}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      <LabelledField label="Status">
        {(id) => (
          <select
            id={id}
            className={inputClass}
            value={value.status ?? ""}
            onChange={(e) => onChange({ ...value, status: e.target.value || undefined })}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s || "any"}
              </option>
            ))}
          </select>
        )}
      </LabelledField>
      {time("since", "From")}
      {time("until", "Until")}
    </form>
  );
}
