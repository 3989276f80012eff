/**
 * The canary traffic shift: step 0 … step n (B at each step's weight) → promoted (100% B)
 * or rolled back (the canary's one rule restored exactly as it was recorded, see
 * canary-rule-edits.ts). See state-machine.ts for the contract; this file holds the
 * canary's phases only.
 * Each step is judged on its own traffic: the window of the deciding evaluation is the
 * time since the step started (`[elapsed s]` at the end of the interval), and a failed
 * check or a resume restarts the window. A step without enough requests to B is not
 * judged; after a second interval of silence it counts as a failed check.
 */
import "server-only";
import type { CanarySpec, GateEventData } from "@/lib/contracts/experiments";
import type { HTTPRoute } from "@/lib/istio/types/networking";
import { describeRule, ruleLabel, weightOfRule } from "./canary-rule-edits";
import { describeFailures, describeValues, evaluateCanaryGates } from "./evaluate-gates";
import {
  MIN_WINDOW_SECONDS,
  secondsBetween,
  type CanaryMemory,
  type ExperimentRecord,
  type ExperimentAction,
  type MachineEvent,
  type MachineInput,
  type MachineStep,
  type Observation,
  type ObservationRequest,
} from "./machine-types";

type CanaryRecord = ExperimentRecord & { spec: CanarySpec; memory: CanaryMemory };

export function canaryObservationRequest(record: CanaryRecord, now: Date): ObservationRequest | undefined {
  if (record.status !== "running" || record.phase !== "step") return undefined;
  const windowSeconds = Math.floor(secondsBetween(record.memory.stepStartedAt, now));
  if (windowSeconds < MIN_WINDOW_SECONDS) return undefined;
  // A is always measured over the same window: the drop gate needs it, and every gate chart
  // draws it as the baseline B is compared with (components/experiments/gate-chart.tsx).
  return { windowSeconds, subjects: ["to", "from"] };
}

function weightsText(spec: CanarySpec, weight: number): string {
  return `${spec.from} ${100 - weight}% / ${spec.to} ${weight}%`;
}

/** How a canary ends: B takes the rule, or the rule goes back to what was recorded before the first write. */
type Ending = "promote" | "restore";

/** Older experiments (no recorded rule) end as they used to: 0% B in the rule they shifted. */
function endingOf(record: CanaryRecord, ending: Ending): { weight: number; actions: ExperimentAction[]; text: string } {
  const { memory, spec } = record;
  if (ending === "promote")
    return {
      weight: 100,
      actions: memory.weight === 100 ? [] : [{ type: "setWeight", weight: 100 }],
      text: `${spec.to} takes 100%`,
    };
  if (!memory.owned)
    return {
      weight: 0,
      actions: memory.weight === 0 ? [] : [{ type: "setWeight", weight: 0 }],
      text: `back to 100% ${spec.from}`,
    };
  const original = memory.owned.original as HTTPRoute;
  const what = memory.owned.created
    ? "routing back to what it was without a VirtualService"
    : `${ruleLabel(memory.owned.name)} restored as it was`;
  return {
    weight: weightOfRule(original, spec),
    actions: [{ type: "restoreRule" }],
    text: `${what} (${describeRule(original, spec)})`,
  };
}

function finish(
  record: CanaryRecord,
  now: Date,
  outcome: Pick<ExperimentRecord, "status" | "verdict">,
  summary: (ending: string) => string,
  ending: Ending,
  events: MachineEvent[],
): MachineStep {
  const end = endingOf(record, ending);
  const text = summary(end.text);
  events.push({ type: "phase", phase: "done", message: text });
  const next: CanaryRecord = {
    ...record,
    ...outcome,
    summary: text,
    command: null,
    phase: "done",
    finishedAt: now,
    memory: { ...record.memory, weight: end.weight },
  };
  return { next, actions: end.actions, events };
}

function startStep(record: CanaryRecord, index: number, now: Date, events: MachineEvent[]): MachineStep {
  const weight = record.memory.steps[index]!;
  events.push({
    type: "phase",
    phase: "step",
    message: `Step ${index + 1} of ${record.memory.steps.length}: ${weightsText(record.spec, weight)}`,
    data: { step: index, weight },
  });
  const next: CanaryRecord = {
    ...record,
    phase: "step",
    memory: { ...record.memory, stepIndex: index, stepStartedAt: now.toISOString(), weight },
  };
  return { next, actions: weight === record.memory.weight ? [] : [{ type: "setWeight", weight }], events };
}

function handleCommand(record: CanaryRecord, now: Date, events: MachineEvent[]): MachineStep | CanaryRecord {
  const command = record.command;
  if (!command) return record;
  const handled: CanaryRecord = { ...record, command: null };
  events.push({
    type: "command",
    phase: record.phase,
    message: `${command[0]!.toUpperCase()}${command.slice(1)} requested`,
  });
  switch (command) {
    case "pause":
      return { ...handled, status: "paused" };
    case "resume":
      // The paused time is not this step's traffic: start its window again.
      return { ...handled, status: "running", memory: { ...handled.memory, stepStartedAt: now.toISOString() } };
    case "abort":
      return finish(
        handled,
        now,
        { status: "aborted", verdict: "aborted" },
        (end) => `Aborted by hand at ${weightsText(record.spec, record.memory.weight)}; ${end}.`,
        "restore",
        events,
      );
    case "promote":
      return finish(
        handled,
        now,
        { status: "completed", verdict: "promoted" },
        (end) => `Promoted by hand at step ${record.memory.stepIndex + 1}; ${end}.`,
        "promote",
        events,
      );
  }
}

function observed(input: MachineInput): Observation | undefined {
  return input.observation && "measurements" in input.observation ? input.observation : undefined;
}

export function advanceCanary(record: CanaryRecord, now: Date, input: MachineInput): MachineStep {
  const events: MachineEvent[] = [];
  const { spec } = record;
  if (input.observation && "error" in input.observation) {
    events.push({ type: "error", phase: record.phase, message: `Could not measure: ${input.observation.error}` });
  }
  if (record.status === "pending") {
    return startStep({ ...record, status: "running", startedAt: now }, 0, now, events);
  }
  const afterCommand = handleCommand(record, now, events);
  if ("next" in afterCommand) return afterCommand;
  record = afterCommand;
  if (record.status !== "running" || record.phase !== "step") return { next: record, actions: [], events };

  const { memory } = record;
  const elapsed = secondsBetween(memory.stepStartedAt, now);
  const due = elapsed >= spec.intervalSeconds;
  const obs = observed(input);
  let pass: boolean | null = null;
  let data: GateEventData | undefined;
  if (obs) {
    const judged = evaluateCanaryGates(
      spec.gates,
      obs.measurements.to,
      obs.measurements.from,
      obs.windowSeconds,
      spec.to,
    );
    pass = judged.pass;
    data = {
      windowSeconds: obs.windowSeconds,
      decisive: due && judged.pass !== null,
      step: memory.stepIndex,
      weight: memory.weight,
      results: judged.results,
      pass,
    };
    const verdict = pass === null ? "not enough data" : pass ? "pass" : "fail";
    events.push({
      type: "gate",
      phase: "step",
      message: `Step ${memory.stepIndex + 1} gates ${verdict} over ${obs.windowSeconds}s: ${describeValues(data)}`,
      data: { ...data },
    });
  }
  if (!due) return { next: record, actions: [], events };

  if (pass === true) {
    const nextIndex = memory.stepIndex + 1;
    if (nextIndex < memory.steps.length) return startStep(record, nextIndex, now, events);
    return finish(
      record,
      now,
      { status: "completed", verdict: "promoted" },
      (end) => `All ${memory.steps.length} steps passed their gates (${describeValues(data!)}); ${end}.`,
      "promote",
      events,
    );
  }
  if (pass === null && elapsed < 2 * spec.intervalSeconds) return { next: record, actions: [], events };

  const failure =
    pass === false && data
      ? describeFailures(data)
      : `not enough traffic to ${spec.to} to judge step ${memory.stepIndex + 1} after ${Math.round(elapsed)}s`;
  const failedChecks = memory.failedChecks + 1;
  events.push({
    type: "note",
    phase: "step",
    message: `Failed check ${failedChecks} of ${spec.failedCheckThreshold}: ${failure}`,
  });
  const counted: CanaryRecord = { ...record, memory: { ...memory, failedChecks, lastFailure: failure } };
  if (failedChecks >= spec.failedCheckThreshold) {
    const summary = (end: string) =>
      `Rolled back at step ${memory.stepIndex + 1} (${weightsText(spec, memory.weight)}): ${failure}; ${end}.`;
    return finish(counted, now, { status: "failed", verdict: "rolled_back" }, summary, "restore", events);
  }
  // Judge the step again on fresh traffic.
  return { next: { ...counted, memory: { ...counted.memory, stepStartedAt: now.toISOString() } }, actions: [], events };
}
