import { useId, type ReactNode } from "react";

/** A small label above its control, tied to it by id (the control takes the id it is given), and a hint below. */
export function LabelledField({
  label,
  hint,
  hideLabel,
  children,
}: {
  label: string;
  hint?: string;
  /** Keeps the label for screen readers only. */
  hideLabel?: boolean;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-xs font-medium text-slate-600 dark:text-slate-300"}>
        {label}
      </label>
      {children(id)}
      {hint && <span className="text-xs text-slate-500">{hint}</span>}
    </div>
  );
}
