"use client";

/**
 * The graph's Compare mode switch: pick a moment (a deploy, a config change) and compare the
 * window before it with the window after it, each as long as the graph's window; while
 * comparing, say which windows are shown, offer the comparison as JSON and the way back.
 */
import { useState } from "react";

interface Props {
  /** The moment compared around, unix seconds; 0 = not comparing. */
  compare: number;
  /** Each window's length, seconds. */
  duration: number;
  /** The comparison's JSON (the API without the graphs), while comparing. */
  downloadHref?: string;
  onCompare: (at: number) => void;
  onExit: () => void;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A `datetime-local` value (local time, minutes) for a date. */
const toLocalInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const timeOf = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString();

const buttonClass =
  "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export function CompareBar({ compare, duration, downloadHref, onCompare, onExit }: Props) {
  // By default the moment one window ago: the after window then ends now.
  const [at, setAt] = useState(() => toLocalInput(new Date(Date.now() - duration * 1000)));
  const picked = Math.floor(new Date(at).getTime() / 1000);

  if (compare > 0)
    return (
      <div
        className="flex flex-wrap items-center gap-3 rounded-md border border-blue-300 bg-blue-50 px-3 py-1.5 text-sm text-blue-950 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-50"
        data-testid="compare-bar"
      >
        <span>
          Comparing before ({timeOf(compare - duration)}–{timeOf(compare)}) with after ({timeOf(compare)}–
          {timeOf(compare + duration)}): the after graph, vanished edges dashed.
        </span>
        {downloadHref && (
          <a href={downloadHref} download={`graph-compare-${compare}.json`} className={buttonClass}>
            Download JSON
          </a>
        )}
        <button type="button" onClick={onExit} className={buttonClass}>
          Back to the live graph
        </button>
      </div>
    );

  return (
    <details className="text-sm">
      <summary className="cursor-pointer select-none">Compare before / after a moment</summary>
      <form
        className="flex flex-wrap items-center gap-2 pt-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (Number.isFinite(picked)) onCompare(picked);
        }}
      >
        <label className="flex items-center gap-2">
          Moment (a deploy or change)
          <input
            type="datetime-local"
            value={at}
            onChange={(e) => setAt(e.currentTarget.value)}
            className="rounded border border-slate-300 px-1 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        <button type="submit" disabled={!Number.isFinite(picked)} className={buttonClass}>
          Compare
        </button>
        <span className="text-xs text-slate-500">Each window is as long as the graph&apos;s window.</span>
      </form>
    </details>
  );
}
