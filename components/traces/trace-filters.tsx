"use client";

/**
 * The Traces tab's filters: minimum duration, errors only, and span tags as `key=value`
 * pairs (Jaeger's UI takes the same). Applied on submit, so typing does not search at every
 * key; a malformed tags text is named and not sent.
 */
import { useState } from "react";
import { parseTagFilter } from "@/lib/contracts/tracing";

export interface TraceFilterValues {
  /** Milliseconds; undefined for none. */
  minDuration?: number;
  errorsOnly: boolean;
  tags: string;
}

const inputClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

export function TraceFilters({
  value,
  onChange,
}: {
  value: TraceFilterValues;
  onChange: (next: TraceFilterValues) => void;
}) {
  const [minDuration, setMinDuration] = useState(value.minDuration?.toString() ?? "");
  const [errorsOnly, setErrorsOnly] = useState(value.errorsOnly);
  const [tags, setTags] = useState(value.tags);
  const tagsValid = tags.trim() === "" || parseTagFilter(tags) !== undefined;
  const minValid = minDuration.trim() === "" || (Number.isFinite(Number(minDuration)) && Number(minDuration) >= 0);

  return (
    <form
      aria-label="Trace filters"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (!tagsValid || !minValid) return;
        onChange({
          minDuration: minDuration.trim() === "" ? undefined : Number(minDuration),
          errorsOnly,
          tags: tags.trim(),
        });
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        Min duration (ms)
        <input
          type="number"
          min={0}
          inputMode="numeric"
          value={minDuration}
          onChange={(e) => setMinDuration(e.target.value)}
          className={`${inputClass} w-32`}
          aria-invalid={!minValid}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
        Tags
        <input
          type="text"
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          placeholder="response_flags=FI http.status_code=503"
          className={`${inputClass} w-80 font-mono`}
          aria-invalid={!tagsValid}
          aria-describedby="trace-tags-help"
        />
      </label>
      <label className="mb-1.5 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} />
        Errors only
      </label>
      <button
        type="submit"
        className="rounded-md border border-sky-600 bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-50"
        disabled={!tagsValid || !minValid}
      >
        Search
      </button>
      <p id="trace-tags-help" className={`w-full text-xs ${tagsValid ? "text-slate-500" : "text-bad"}`}>
        {tagsValid
          ? "Tags are key=value pairs separated by spaces, matched on one span, e.g. response_flags=FI."
          : "Tags must be key=value pairs separated by spaces, e.g. response_flags=FI."}
      </p>
    </form>
  );
}
