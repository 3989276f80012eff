"use client";

/**
 * Compare mode's list of changes beside the canvas: new, vanished and significantly changed
 * edges with their deltas and why each counts (lib/graph-compare/thresholds.ts); activating
 * one selects it on the canvas. Unchanged edges are counted, not listed.
 */
import type { EdgeComparison, GraphComparison } from "@/lib/contracts/graph-compare";
import { formatRate } from "@/lib/graph-view/edge-labels";
import type { GraphSelection } from "./graph-canvas";

interface Props {
  comparison: GraphComparison;
  selection: GraphSelection;
  onSelect: (selection: GraphSelection) => void;
}

const statusStyle: Record<EdgeComparison["status"], string> = {
  new: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-50",
  vanished: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  changed: "bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-50",
  unchanged: "",
};

const toneStyle = { worse: "text-red-700 dark:text-red-300", better: "text-teal-700 dark:text-teal-300", shift: "" };

function rateDelta(e: EdgeComparison): string {
  const unit = e.protocol === "tcp" ? "B/s" : "rps";
  const sign = e.delta.rate >= 0 ? "+" : "−";
  const pct =
    e.delta.ratePct !== undefined ? ` (${e.delta.ratePct >= 0 ? "+" : "−"}${Math.abs(e.delta.ratePct)}%)` : "";
  return `${sign}${formatRate(Math.abs(e.delta.rate))} ${unit}${pct}`;
}

export function CompareChanges({ comparison, selection, onSelect }: Props) {
  const { summary } = comparison;
  const changes = comparison.edges.filter((e) => e.status !== "unchanged");
  return (
    <section aria-labelledby="compare-changes" data-testid="compare-changes">
      <h2 id="compare-changes" className="text-sm font-semibold">
        Changed edges
      </h2>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {summary.changed} changed, {summary.new} new, {summary.vanished} vanished, {summary.unchanged} unchanged
      </p>
      {changes.length === 0 ? (
        <p className="pt-2 text-sm text-slate-600 dark:text-slate-400">
          No edge moved beyond the thresholds between the two windows.
        </p>
      ) : (
        <ul className="space-y-1 pt-2">
          {changes.map((e) => {
            const selected = selection?.kind === "edge" && selection.id === e.id;
            return (
              <li
                key={e.id}
                data-edge-id={e.id}
                data-status={e.status}
                data-source={e.source.name}
                data-target={e.target.name}
              >
                <button
                  type="button"
                  aria-pressed={selected}
                  onClick={() => onSelect({ kind: "edge", id: e.id })}
                  className={`w-full rounded px-1.5 py-1 text-left text-sm ${selected ? "bg-sky-100 dark:bg-sky-900/50" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
                >
                  <span className="flex items-baseline justify-between gap-2">
                    <span className="truncate">
                      {e.source.name} → {e.target.name}
                    </span>
                    <span className={`shrink-0 rounded px-1 text-xs ${statusStyle[e.status]}`}>{e.status}</span>
                  </span>
                  <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">{rateDelta(e)}</span>
                  <span className="block text-xs">
                    {e.findings.map((f) => (
                      <span key={f.kind} className={`block ${toneStyle[f.tone]}`}>
                        {f.text}
                      </span>
                    ))}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
