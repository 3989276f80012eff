import type { ExperimentStatus, ExperimentVerdict } from "@/lib/contracts/experiments";
import { verdictText } from "./experiment-title";
import { StatusDot, type DotState } from "@/components/ui/status-dot";

const statusDot: Record<ExperimentStatus, DotState> = {
  pending: "unknown",
  running: "ok",
  paused: "warn",
  completed: "ok",
  failed: "bad",
  aborted: "warn",
  error: "bad",
};

const verdictDot: Record<ExperimentVerdict, DotState> = {
  held: "ok",
  violated: "bad",
  promoted: "ok",
  rolled_back: "bad",
  aborted: "warn",
  inconclusive: "warn",
};

/** Status in words with a dot beside it (never colour alone). */
export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <span className="inline-flex items-center gap-1.5 text-sm" data-status={status}>
      <StatusDot state={statusDot[status]} />
      {status}
    </span>
  );
}

export function VerdictBadge({ verdict }: { verdict: ExperimentVerdict | null }) {
  if (!verdict) return <span className="text-sm text-slate-500">—</span>;
  return (
    <span className="inline-flex items-center gap-1.5 text-sm font-medium" data-verdict={verdict}>
      <StatusDot state={verdictDot[verdict]} />
      {verdictText[verdict]}
    </span>
  );
}
