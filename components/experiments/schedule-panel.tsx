"use client";

import type { ExperimentDetail } from "@/lib/contracts/experiments";
import { formatCountdown, formatLocalTime } from "@/lib/format-time";
import { experimentSchedule, type ScheduleMoment } from "./experiment-schedule";
import { useNow } from "./use-now";

function When({ moment, now }: { moment: ScheduleMoment; now: number }) {
  const left = moment.at - now;
  return (
    <>
      {left <= 0 ? "any moment now" : `in ${formatCountdown(left)}`}{" "}
      <span className="text-slate-500">(about {formatLocalTime(moment.at)})</span>
    </>
  );
}

/** Time to the runner's next move and the experiment's ETA (experiment-schedule.ts), ticking every second. */
export function SchedulePanel({ detail }: { detail: ExperimentDetail }) {
  const now = useNow();
  const schedule = experimentSchedule(detail, now);
  if (schedule.kind === "finished") return null;
  return (
    <section aria-label="Schedule" className="space-y-1 text-sm" data-testid="experiment-schedule">
      {schedule.kind === "paused" ? (
        <p role="status">{schedule.note}</p>
      ) : (
        <>
          <p data-testid="experiment-next-step">
            <span className="font-medium">Next:</span> {schedule.next.label} <When moment={schedule.next} now={now} />
          </p>
          <p data-testid="experiment-eta">
            <span className="font-medium">ETA:</span> {schedule.end.label} <When moment={schedule.end} now={now} />
          </p>
          <p className="text-xs text-slate-500">{`Estimated ${schedule.caveat}.`}</p>
        </>
      )}
    </section>
  );
}
