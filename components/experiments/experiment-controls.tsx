"use client";

import type { ExperimentCommand, ExperimentDetail } from "@/lib/contracts/experiments";
import { useExperimentCommand } from "@/lib/queries/experiments";
import { useCan } from "@/lib/queries/permissions";

const button = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50";
const styles: Record<ExperimentCommand, string> = {
  pause: "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800",
  resume: "border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800",
  promote: "border-emerald-600 text-emerald-800 hover:bg-emerald-50 dark:text-emerald-300 dark:hover:bg-emerald-950",
  abort: "border-red-600 text-red-800 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950",
};
const labels: Record<ExperimentCommand, string> = {
  pause: "Pause",
  resume: "Resume",
  promote: "Promote now",
  abort: "Abort",
};

/** The commands that apply now: a canary can be paused, resumed, promoted or aborted; a fault only aborted. */
function available(detail: ExperimentDetail): ExperimentCommand[] {
  if (!["pending", "running", "paused"].includes(detail.status)) return [];
  if (detail.kind === "fault") return ["abort"];
  return [detail.status === "paused" ? "resume" : "pause", "promote", "abort"];
}

export function ExperimentControls({ detail }: { detail: ExperimentDetail }) {
  const command = useExperimentCommand(detail.id);
  // A command needs what starting the experiment needed (server/experiments/README.md).
  const allowed = useCan(detail.namespace, "startExperiments");
  const commands = available(detail);
  if (commands.length === 0 || !allowed) return null;
  return (
    <div className="space-y-2">
      <div role="group" aria-label="Experiment controls" className="flex flex-wrap gap-2">
        {commands.map((c) => (
          <button
            key={c}
            type="button"
            className={`${button} ${styles[c]}`}
            disabled={command.isPending || detail.command !== null}
            onClick={() => command.mutate(c)}
          >
            {labels[c]}
          </button>
        ))}
      </div>
      {detail.command && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {labels[detail.command]} sent; the runner acts on its next tick.
        </p>
      )}
      {command.isError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {command.error.message}
        </p>
      )}
    </div>
  );
}
