import Link from "next/link";
import type { ExperimentEventDto } from "@/lib/contracts/experiments";
import { formatLocalTime, localizeTimestamps } from "@/lib/format-time";

const typeLabel: Record<ExperimentEventDto["type"], string> = {
  phase: "Phase",
  config: "Config",
  gate: "Gate",
  command: "Command",
  error: "Error",
  note: "Note",
};

const time = (at: string): string => formatLocalTime(at);

/** The phases as an ordered list, the current one marked. */
export function PhaseTimeline({ events, current }: { events: ExperimentEventDto[]; current: string }) {
  const phases = events.filter((e) => e.type === "phase");
  return (
    <ol aria-label="Phases" className="space-y-1 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
      {phases.map((e, i) => {
        const isCurrent = i === phases.length - 1 && e.phase === current;
        return (
          <li
            key={e.id}
            aria-current={isCurrent ? "step" : undefined}
            className={`text-sm ${isCurrent ? "font-semibold text-sky-800 dark:text-sky-200" : "text-slate-700 dark:text-slate-300"}`}
          >
            <span className="mr-2 font-mono text-xs text-slate-500">{time(e.at)}</span>
            {localizeTimestamps(e.message)}
          </li>
        );
      })}
    </ol>
  );
}

/** Every timeline entry (gate evaluations optional), newest last, each config change linked to its audit entry. */
export function EventList({ events, includeGates = false }: { events: ExperimentEventDto[]; includeGates?: boolean }) {
  const shown = includeGates ? events : events.filter((e) => e.type !== "gate");
  return (
    <ul aria-label="Timeline" className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
      {shown.map((e) => (
        <li key={e.id} className="flex gap-3 py-1.5" data-event-type={e.type}>
          <span className="w-28 shrink-0 font-mono text-xs text-slate-500">{time(e.at)}</span>
          <span
            className={`w-20 shrink-0 text-xs uppercase ${e.type === "error" ? "text-red-700 dark:text-red-400" : "text-slate-500"}`}
          >
            {typeLabel[e.type]}
          </span>
          <span className="min-w-0 flex-1 break-words">
            {localizeTimestamps(e.message)}
            {e.auditId && (
              // The audit page opens the entry from its id whatever page of the list it is on.
              <Link
                href={`/audit?${new URLSearchParams({ entry: e.auditId })}`}
                className="ml-2 font-mono text-xs text-slate-500 underline decoration-dotted"
              >
                audit {e.auditId}
              </Link>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
