"use client";

/**
 * A find or hide expression field. It parses as the user types and shows the error inline
 * (with what is allowed); the URL changes only on Enter or leaving the field with a valid
 * expression, so a half-typed one never redraws the graph.
 */
import { useId, useState } from "react";
import { tryParseExpression } from "@/lib/graph-view/expression/parse";

export function ExpressionInput({
  label,
  value,
  onCommit,
  placeholder,
}: {
  label: string;
  value: string;
  onCommit: (text: string) => void;
  placeholder: string;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  // The URL may change from elsewhere (a link, "clear"); follow it.
  if (value !== seen) {
    setSeen(value);
    setDraft(value);
  }
  const id = useId();
  const result = tryParseExpression(draft);
  const commit = () => {
    if (result.ok && draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <div className="relative flex min-w-56 flex-1 flex-col">
      <label htmlFor={id} className="text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <div className="flex">
        <input
          id={id}
          type="text"
          value={draft}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!result.ok}
          aria-describedby={!result.ok ? `${id}-error` : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") setDraft(value);
          }}
          className={`w-full rounded-l-md border bg-white px-2 py-1 font-mono text-sm dark:bg-slate-900 ${result.ok ? "border-slate-300 dark:border-slate-700" : "border-bad"}`}
        />
        <button
          type="button"
          aria-label={`Clear ${label.toLowerCase()}`}
          disabled={draft === "" && value === ""}
          onClick={() => {
            setDraft("");
            onCommit("");
          }}
          className="rounded-r-md border border-l-0 border-slate-300 px-2 text-sm text-slate-500 hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          ×
        </button>
      </div>
      {!result.ok && (
        <p id={`${id}-error`} role="alert" className="mt-1 max-w-xl text-xs text-bad">
          {result.error.message} <span className="text-slate-600 dark:text-slate-400">{result.error.help}</span>
        </p>
      )}
    </div>
  );
}
