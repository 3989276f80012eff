import type { ReactNode } from "react";

const input = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950";

/** A labelled text input: the label names the field for screen readers and for the tests. */
export function FormField({ label, value, onChange, hint, inputMode, placeholder }: { label: string; value: string; onChange: (value: string) => void; hint?: ReactNode; inputMode?: "numeric" | "decimal" | "text"; placeholder?: string }) {
  return (
    <label className="block space-y-1 text-sm">
      <span className="font-medium">{label}</span>
      <input className={input} value={value} inputMode={inputMode} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
      {hint && <span className="block text-xs text-slate-500">{hint}</span>}
    </label>
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
