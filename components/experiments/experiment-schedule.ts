/**
 * What the run page counts down to: the next thing the runner will do and when the
 * experiment should end, from the spec and the machine's clock (lib/contracts/experiments.ts,
 * experimentClockSchema). Pure, so it is unit-tested; the page re-renders it every second.
 *
 * The times follow the state machine (server/experiments/canary-machine.ts, fault-machine.ts):
 * a canary step is judged `intervalSeconds` after its window began, and one without enough
 * requests to B waits at most one more interval; a fault's baseline, injection (until its
 * deadline) and recovery follow each other. The ETA assumes every step passes on its first
 * check; a failed check, a pause or an early stop changes it, which the caveat says. The
 * runner ticks every few seconds, so each moment is "at about".
 */
import { canarySteps, isActiveStatus, type ExperimentDetail } from "@/lib/contracts/experiments";

export interface ScheduleMoment {
  /** What happens then, in words ("Step 2: 50% to v3, if step 1 passes"). */
  label: string;
  /** Epoch milliseconds. */
  at: number;
}

export type Schedule =
  | { kind: "finished" }
  | { kind: "paused"; note: string }
  | { kind: "running"; next: ScheduleMoment; end: ScheduleMoment; caveat: string };

type ScheduleInput = Pick<ExperimentDetail, "spec" | "status" | "phase" | "currentStep" | "clock">;

const SECOND = 1000;

function since(iso: string | null, now: number): number {
  if (iso === null) return now;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? now : t;
}

function canarySchedule(input: ScheduleInput & { spec: { kind: "canary" } }, now: number): Schedule {
  const { spec } = input;
  const steps = canarySteps(spec);
  const interval = spec.intervalSeconds * SECOND;
  const caveat = "if every step passes on its first check; a failed check re-judges the step, a pause stops the clock";
  if (input.status === "pending") {
    return {
      kind: "running",
      next: { label: `Step 1: ${steps[0]}% to ${spec.to}`, at: now },
      end: { label: `${spec.to} takes 100%`, at: now + steps.length * interval },
      caveat,
    };
  }
  const index = input.currentStep ?? 0;
  const windowStart = since(input.clock.phaseStartedAt, now);
  const judged = windowStart + interval;
  // Past the interval without a verdict: not enough requests to B yet; one more interval at most.
  const waiting = now >= judged;
  const decidedBy = waiting ? windowStart + 2 * interval : judged;
  const last = index + 1 >= steps.length;
  const label = waiting
    ? `Step ${index + 1} is judged once ${spec.to} has ${spec.gates.minRequests} requests (a failed check if not by then)`
    : last
      ? `${spec.to} takes 100%, if step ${index + 1} passes`
      : `Step ${index + 2}: ${steps[index + 1]}% to ${spec.to}, if step ${index + 1} passes`;
  return {
    kind: "running",
    next: { label, at: decidedBy },
    end: { label: `${spec.to} takes 100%`, at: decidedBy + (steps.length - 1 - index) * interval },
    caveat,
  };
}

function faultSchedule(input: ScheduleInput & { spec: { kind: "fault" } }, now: number): Schedule {
  const { spec } = input;
  const baseline = spec.baselineSeconds * SECOND;
  const duration = spec.durationSeconds * SECOND;
  const recovery = spec.recoverySeconds * SECOND;
  const caveat = "sooner if the experiment is aborted or stops early; the fault is removed at its deadline regardless";
  const verdict = (at: number): ScheduleMoment => ({ label: "Verdict, after recovery", at });
  const phaseStart = since(input.clock.phaseStartedAt, now);
  switch (input.phase) {
    case "pending":
    case "baseline": {
      const injectAt = input.phase === "pending" ? now + baseline : phaseStart + baseline;
      return {
        kind: "running",
        next: { label: "The fault is injected", at: injectAt },
        end: verdict(injectAt + duration + recovery),
        caveat,
      };
    }
    case "inject":
    case "observe": {
      const removeAt = input.clock.deadline !== null ? since(input.clock.deadline, now) : now + duration;
      return {
        kind: "running",
        next: { label: "The fault is removed (its deadline)", at: removeAt },
        end: verdict(removeAt + recovery),
        caveat,
      };
    }
    case "revert":
      return {
        kind: "running",
        next: { label: "The fault is being removed", at: now },
        end: verdict(now + recovery),
        caveat,
      };
    default: {
      const end = verdict(phaseStart + recovery);
      return { kind: "running", next: end, end, caveat };
    }
  }
}

export function experimentSchedule(input: ScheduleInput, now: number): Schedule {
  if (!isActiveStatus(input.status) || input.phase === "done") return { kind: "finished" };
  if (input.status === "paused")
    return {
      kind: "paused",
      note: "Paused: no step is judged and no weight changes until it is resumed; resuming restarts the step's window.",
    };
  return input.spec.kind === "canary"
    ? canarySchedule({ ...input, spec: input.spec }, now)
    : faultSchedule({ ...input, spec: input.spec }, now);
}
