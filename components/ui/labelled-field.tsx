import { useId, type ReactNode } from "react";

/** What a control adds so assistive technology reads its error with it. */
export interface ErrorAria {
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A small label above its control, tied to it by id (the control takes the id it is given), a hint below,
 * and an error below that (the control spreads the aria attributes it is given, so the error is its description).
 */
export function LabelledField({
  label,
  hint,
  error,
  hideLabel,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  /** Keeps the label for screen readers only. */
  hideLabel?: boolean;
  children: (id: string, errorAria: ErrorAria) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const aria: ErrorAria = error ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={hideLabel ? "sr-only" : "text-xs font-medium text-slate-600 dark:text-slate-300"}>
        {label}
      </label>
      {children(id, aria)}
      {hint && <span className="text-xs text-slate-500">{hint}</span>}
      {error && (
        <span id={errorId} className="text-xs text-bad">
          {error}
        </span>
      )}
    </div>
  );
}
