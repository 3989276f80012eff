import { useId, type ReactNode } from "react";

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/** A labelled text input; the hint is its description, so the label alone names the field. */
export function FormField({
  label,
  value,
  onChange,
  hint,
  inputMode,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  inputMode?: "numeric" | "decimal" | "text";
  placeholder?: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1 text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        className={input}
        value={value}
        inputMode={inputMode}
        placeholder={placeholder}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="block text-xs text-slate-500">
          {hint}
        </span>
      )}
    </div>
  );
}

export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
      <legend className="px-1 text-sm font-semibold">{legend}</legend>
      <div className="grid gap-3 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

type StringField<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F];

/** One text input of a form held as strings (experiment-form-model.ts): the field it edits and how it is shown. */
export interface FieldSpec<F> {
  name: StringField<F>;
  label: string;
  hint?: string;
  inputMode?: "numeric" | "decimal";
}

/** The inputs of a list of fields, in order; each edit patches its own field. */
export function FormFields<F>({
  fields,
  form,
  set,
}: {
  fields: readonly FieldSpec<F>[];
  form: F;
  set: (patch: Partial<F>) => void;
}) {
  // StringField<F> guarantees each named field holds a string; TypeScript cannot follow a generic key
  // to its value type.
  return fields.map(({ name, ...shown }) => (
    <FormField
      key={String(name)}
      {...shown}
      value={form[name] as string}
      onChange={(value) => set({ [name]: value } as Partial<F>)}
    />
  ));
}
