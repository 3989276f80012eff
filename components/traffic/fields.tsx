"use client";

import { useId, type ReactNode } from "react";
import { LabelledField } from "@/components/ui/labelled-field";

export const inputClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900 disabled:opacity-50";
export const buttonClass =
  "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800";
export const primaryButtonClass =
  "rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50";

/** A labelled text input; empty means "not set" (null) for the optional fields the wizards edit. */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  hint,
}: {
  label: string;
  value: string | null;
  onChange(value: string | null): void;
  placeholder?: string;
  hint?: string;
}) {
  return (
    <LabelledField label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          className={inputClass}
          value={value ?? ""}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value.trim() === "" ? null : e.target.value.trim())}
        />
      )}
    </LabelledField>
  );
}

/** A labelled number input; empty is null ("Istio's default"). */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  placeholder,
  hint,
}: {
  label: string;
  value: number | null;
  onChange(value: number | null): void;
  min?: number;
  max?: number;
  step?: number;
  placeholder?: string;
  hint?: string;
}) {
  return (
    <LabelledField label={label} hint={hint}>
      {(id) => (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          className={`${inputClass} w-32`}
          value={value ?? ""}
          min={min}
          max={max}
          step={step}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value === "" ? null : Number(e.target.value))}
        />
      )}
    </LabelledField>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  hideLabel,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  hideLabel?: boolean;
}) {
  return (
    <LabelledField label={label} hideLabel={hideLabel}>
      {(id) => (
        <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

/** A section that is on or off (a delay, an abort, retries): off sends null. */
export function ToggleSection({
  label,
  on,
  onToggle,
  children,
}: {
  label: string;
  on: boolean;
  onToggle(on: boolean): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="rounded border border-slate-200 p-3 dark:border-slate-700">
      <legend className="px-1">
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(e) => onToggle(e.target.checked)}
          className="mr-2 align-middle"
        />
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
      </legend>
      {on && <div className="flex flex-wrap gap-4">{children}</div>}
    </fieldset>
  );
}
