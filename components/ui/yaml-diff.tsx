"use client";

import { useState } from "react";
import type { DiffLine, DiffOmitted } from "@/lib/contracts/traffic";
import { diffHunks, hunkHeader, type CollapsedLines } from "@/lib/diff-hunks";

const lineStyle: Record<DiffLine["op"], { mark: string; className: string; label: string }> = {
  same: { mark: " ", className: "", label: "" },
  add: {
    mark: "+",
    className: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-200",
    label: "added",
  },
  remove: { mark: "-", className: "bg-rose-50 text-rose-900 dark:bg-rose-950/60 dark:text-rose-200", label: "removed" },
};

/**
 * The console's one YAML diff: unified, added and removed lines carry a +/- mark, not only a
 * colour. The lines come from lib/bounded-line-diff.ts, computed by the server (audit entries,
 * wizard previews) or in the browser (the editor's review and conflict screens), so every
 * screen shows the same diff. When the diff was not computed (an object too large, too many
 * changed lines), it says why. `sides` names what the - and + lines come from. `collapseUnchanged` shows the changed
 * lines with their context first and folds the unchanged stretches between them (lib/diff-hunks.ts); each fold opens
 * in place.
 */
export function YamlDiff({
  title,
  diff,
  omitted,
  sides,
  collapseUnchanged = false,
}: {
  title: string;
  diff: DiffLine[];
  omitted: DiffOmitted | null;
  sides?: { before: string; after: string };
  collapseUnchanged?: boolean;
}) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      {sides && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          <span className="font-mono">-</span> {sides.before} · <span className="font-mono">+</span> {sides.after}
        </p>
      )}
      {omitted ? (
        <p
          role="status"
          data-testid="yaml-diff-omitted"
          className="rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-700"
        >
          {omitted.message}
        </p>
      ) : (
        <pre
          aria-label={`YAML diff of ${title}`}
          data-testid="yaml-diff"
          className="max-h-96 overflow-auto rounded border border-slate-200 bg-white py-1 font-mono text-xs leading-5 dark:border-slate-700 dark:bg-slate-900"
        >
          {collapseUnchanged
            ? diffHunks(diff).map((block, i) =>
                block.kind === "hunk" ? (
                  <div key={i} data-testid="diff-hunk">
                    <div className="px-2 text-slate-500 select-none">{hunkHeader(block)}</div>
                    {block.lines.map((line, j) => (
                      <DiffLineRow key={j} line={line} />
                    ))}
                  </div>
                ) : (
                  <CollapsedBlock key={i} block={block} />
                ),
              )
            : diff.map((line, i) => <DiffLineRow key={i} line={line} />)}
        </pre>
      )}
    </figure>
  );
}

function DiffLineRow({ line }: { line: DiffLine }) {
  const style = lineStyle[line.op];
  return (
    <div className={`px-2 whitespace-pre ${style.className}`} data-op={line.op}>
      <span aria-label={style.label || undefined} className="mr-2 select-none text-slate-400">
        {style.mark}
      </span>
      {line.text}
    </div>
  );
}

/** Unchanged lines folded to a count; opening the fold shows them where they are. */
function CollapsedBlock({ block }: { block: CollapsedLines }) {
  const [open, setOpen] = useState(false);
  if (open) return block.lines.map((line, i) => <DiffLineRow key={i} line={line} />);
  const count = block.lines.length;
  return (
    <button
      type="button"
      className="block w-full bg-slate-50 px-2 text-left font-sans text-slate-500 hover:bg-slate-100 dark:bg-slate-800/60 dark:hover:bg-slate-800"
      onClick={() => setOpen(true)}
    >
      ⋯ {count} unchanged {count === 1 ? "line" : "lines"} (show)
    </button>
  );
}
