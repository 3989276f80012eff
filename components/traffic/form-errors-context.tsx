"use client";

/**
 * When a form shows its errors: a field's message appears once the user has left that field
 * (or a field inside it: a rule's weights once one weight was left), and every message once
 * the user tries to submit — never on a form the user has not touched yet. The wizard body
 * (wizard-body.tsx) provides the errors; fields ask for theirs by key (form-errors.ts).
 */
import { createContext, useCallback, useContext, useId, useMemo, useState, type ReactNode } from "react";
import type { ErrorAria } from "@/components/ui/labelled-field";
import { problemText, type FieldError } from "./form-errors";

interface FormErrorsValue {
  errorOf(key: string): string | undefined;
  touch(key: string): void;
}

// Outside a provider (a form rendered on its own) nothing is shown and nothing is tracked.
const FormErrorsContext = createContext<FormErrorsValue>({ errorOf: () => undefined, touch: () => {} });

export function FormErrorsProvider({
  errors,
  showAll,
  children,
}: {
  errors: readonly FieldError[];
  /** The user tried to submit: every message shows. */
  showAll: boolean;
  children: ReactNode;
}) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const touch = useCallback((key: string) => setTouched((prev) => (prev.has(key) ? prev : new Set(prev).add(key))), []);
  const value = useMemo<FormErrorsValue>(() => {
    const shown = (key: string) => showAll || touched.has(key) || [...touched].some((t) => t.startsWith(`${key}.`));
    return {
      errorOf: (key) => (shown(key) ? errors.find((e) => e.key === key)?.message : undefined),
      touch,
    };
  }, [errors, showAll, touched, touch]);
  return <FormErrorsContext.Provider value={value}>{children}</FormErrorsContext.Provider>;
}

/** A field's message (when it is to be shown) and the blur handler that marks it touched. */
export function useFieldError(key: string | undefined): { error: string | undefined; onBlur(): void } {
  const { errorOf, touch } = useContext(FormErrorsContext);
  return { error: key === undefined ? undefined : errorOf(key), onBlur: () => key !== undefined && touch(key) };
}

/**
 * A control with its message under it: the control spreads the props it is given (the blur that
 * marks it touched, and the aria attributes that make the message its description).
 */
export function FieldWithError({
  errorKey,
  children,
}: {
  errorKey: string;
  children(props: ErrorAria & { onBlur(): void }): ReactNode;
}) {
  const { error, onBlur } = useFieldError(errorKey);
  const errorId = `${useId()}-error`;
  const aria: ErrorAria = error ? { "aria-invalid": true, "aria-describedby": errorId } : {};
  return (
    <span className="inline-flex flex-col gap-0.5">
      {children({ onBlur, ...aria })}
      {error && (
        <span id={errorId} className="text-xs text-bad">
          {error}
        </span>
      )}
    </span>
  );
}

/** A message about a group of fields rather than one (a rule's weights), where the group shows it. */
export function GroupError({ errorKey }: { errorKey: string }) {
  const { error } = useFieldError(errorKey);
  return error ? <p className="text-xs text-bad">{error}</p> : null;
}

/** Every problem, once the user tried to submit: the fields show theirs, this list says where they are. */
export function ProblemSummary({
  errors,
  shown,
  action,
}: {
  errors: readonly FieldError[];
  shown: boolean;
  action: string;
}) {
  if (!shown || errors.length === 0) return null;
  return (
    <div role="alert" className="flex flex-col gap-1 text-xs text-bad">
      <p className="font-medium">
        {errors.length === 1 ? "1 problem" : `${errors.length} problems`} to fix before {action}:
      </p>
      <ul className="list-inside list-disc">
        {errors.map((e, i) => (
          <li key={i}>{problemText(e)}</li>
        ))}
      </ul>
    </div>
  );
}
