"use client";

import { useId, type ReactNode } from "react";
import { LabelledField } from "@/components/ui/labelled-field";
import { useFieldError } from "./form-errors-context";

export const inputClass =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900 disabled:opacity-50";
export const buttonClass =
  "rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800";
export const primaryButtonClass =
  "rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-50";

/**
 * The wizard fields' shared props. `errorKey` is the field's path in the wizard's input
 * (form-errors.ts): its message shows under it once the user has left it.
 */
interface FieldProps<T> {
  label: string;
  value: T;
  onChange(value: T): void;
  hint?: string;
  errorKey?: string;
}

/** A labelled text input; empty means "not set" (null) for the optional fields the wizards edit. */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  hint,
  errorKey,
}: FieldProps<string | null> & { placeholder?: string }) {
  const { error, onBlur } = useFieldError(errorKey);
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(id, aria) => (
        <input
          id={id}
          className={inputClass}
          value={value ?? ""}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value.trim() === "" ? null : e.target.value.trim())}
          onBlur={onBlur}
          {...aria}
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
  errorKey,
}: FieldProps<number | null> & { min?: number; max?: number; step?: number; placeholder?: string }) {
  const { error, onBlur } = useFieldError(errorKey);
  return (
    <LabelledField label={label} hint={hint} error={error}>
      {(id, aria) => (
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
          onBlur={onBlur}
          {...aria}
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
  hint,
  hideLabel,
  errorKey,
}: FieldProps<T> & { options: readonly { value: T; label: string }[]; hideLabel?: boolean }) {
  const { error, onBlur } = useFieldError(errorKey);
  return (
    <LabelledField label={label} hint={hint} hideLabel={hideLabel} error={error}>
      {(id, aria) => (
        <select
          id={id}
          className={inputClass}
          value={value}
          onChange={(e) => onChange(e.target.value as T)}
          onBlur={onBlur}
          {...aria}
        >
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
