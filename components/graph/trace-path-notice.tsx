"use client";

/** The graph's notice while a trace's path is lit: which trace, how much of it this graph shows, and a way out. */
import Link from "next/link";
import type { TraceHighlight } from "@/lib/graph-view/trace-highlight";

export function TracePathNotice({
  traceId,
  highlight,
  hops,
  error,
  onClear,
}: {
  traceId: string;
  highlight: TraceHighlight | null;
  hops?: number;
  error: Error | null;
  onClear: () => void;
}) {
  const shown = hops !== undefined && highlight ? hops - highlight.missingHops : undefined;
  return (
    <div
      role="status"
      data-testid="trace-path-notice"
      data-lit-edges={highlight?.edges.size ?? 0}
      className="absolute right-2 top-2 z-10 flex max-w-md flex-wrap items-center gap-2 rounded-md bg-sky-100 px-2 py-1 text-sm text-sky-950 dark:bg-sky-900 dark:text-sky-50"
    >
      <span>
        Trace{" "}
        <Link href={`/traces/${traceId}`} className="font-mono underline">
          {traceId.slice(0, 12)}…
        </Link>
        {error
          ? `: ${error.message}`
          : shown === undefined
            ? ": loading its path…"
            : `: ${shown} of ${hops} hops on this graph${highlight && highlight.errorEdges.size > 0 ? ", failed hops in red" : ""}`}
      </span>
      <button
        type="button"
        onClick={onClear}
        className="rounded border border-sky-400 px-1.5 text-xs hover:bg-sky-200 dark:hover:bg-sky-800"
      >
        Clear trace
      </button>
    </div>
  );
}
