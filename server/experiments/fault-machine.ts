/**
 * The fault-injection experiment: baseline → inject → observe → revert → recovery → done.
 * See state-machine.ts for the contract; this file holds the fault's phases only.
 * The deadline (injectedAt + duration) is set once, in the intent to inject that the runner
 * persists before writing, and reaching it reverts whatever else is going on — Prometheus
 * down, a restart long after, an abort — so no fault outlives its experiment by more than
 * the time no runner was there to remove it, which the timeline and the summary then state.
 * An abort ends the experiment from any phase; a phase the machine cannot be in ends it as
 * an error. Every end removes the rules again (state-machine.ts adds that action).
 */
import "server-only";
import {
  describeSloSubject,
  type ExperimentPhase,
  type FaultSpec,
  type GateEventData,
} from "@/lib/contracts/experiments";
import { formatDurationMs } from "@/lib/istio/duration";
import { describeFailures, describeValues, evaluateSlo } from "./evaluate-gates";
import {
  MIN_WINDOW_SECONDS,
  secondsBetween,
  type ExperimentRecord,
  type FaultMemory,
  type Landing,
  type MachineEvent,
  type MachineInput,
  type MachineStep,
  type Measurement,
  type Observation,
  type ObservationRequest,
} from "./machine-types";

type FaultRecord = ExperimentRecord & { spec: FaultSpec; memory: FaultMemory };

function describeFault(spec: FaultSpec): string {
  const parts = [
    spec.delay ? `a ${formatDurationMs(spec.delay.fixedDelayMs)} delay on ${spec.delay.percent}%` : "",
    spec.abort ? `HTTP ${spec.abort.httpStatus} aborts on ${spec.abort.percent}%` : "",
  ].filter(Boolean);
  const who =
    spec.match.length > 0
      ? ` of requests with ${spec.match.map((m) => `${m.header} ${m.op === "exact" ? "=" : m.op} ${m.value}`).join(", ")}`
      : " of requests";
  return `${parts.join(" and ")}${who} to ${spec.service}${spec.subset ? ` ${spec.subset}` : ""}`;
}

function hypothesisLabel(spec: FaultSpec): string {
  return describeSloSubject(spec.hypothesis);
}

/** How long the window of an evaluation in the current phase is, or undefined if too short yet. */
function windowFor(record: FaultRecord, now: Date): number | undefined {
  const { spec, memory } = record;
  const since = record.phase === "observe" && memory.injectedAt ? memory.injectedAt : memory.phaseStartedAt;
  const elapsed = Math.floor(secondsBetween(since, now));
  const cap =
    record.phase === "observe"
      ? Math.min(spec.hypothesis.windowSeconds, spec.durationSeconds)
      : spec.hypothesis.windowSeconds;
  const window = Math.min(elapsed, cap);
  return window >= MIN_WINDOW_SECONDS ? window : undefined;
}

export function faultObservationRequest(record: FaultRecord, now: Date): ObservationRequest | undefined {
  if (!["baseline", "observe", "recovery"].includes(record.phase) || record.status !== "running") return undefined;
  const windowSeconds = windowFor(record, now);
  return windowSeconds === undefined ? undefined : { windowSeconds, subjects: ["hypothesis"] };
}

function observed(input: MachineInput): Observation | undefined {
  return input.observation && "measurements" in input.observation ? input.observation : undefined;
}

function judge(record: FaultRecord, observation: Observation, decisive: boolean) {
  const m = observation.measurements.hypothesis;
  const { results, pass } = evaluateSlo(record.spec.hypothesis, m, hypothesisLabel(record.spec));
  const data: GateEventData = { windowSeconds: observation.windowSeconds, decisive, results, pass };
  return { data, pass, measurement: m };
}

function gateEvent(phase: ExperimentPhase, data: GateEventData): MachineEvent {
  const verdict = data.pass === null ? "not enough data" : data.pass ? "holds" : "violated";
  return {
    type: "gate",
    phase,
    message: `Hypothesis ${verdict} over ${data.windowSeconds}s: ${describeValues(data)}`,
    data: { ...data },
  };
}

function to(record: FaultRecord, phase: ExperimentPhase, now: Date, memory: Partial<FaultMemory> = {}): FaultRecord {
  return { ...record, phase, memory: { ...record.memory, ...memory, phaseStartedAt: now.toISOString() } };
}

function startInjection(record: FaultRecord, now: Date, events: MachineEvent[]): MachineStep {
  // Set once: an injection already on record keeps its deadline.
  const injectedAt = record.memory.injectedAt ?? now.toISOString();
  const deadline =
    record.memory.deadline ??
    new Date(new Date(injectedAt).getTime() + record.spec.durationSeconds * 1000).toISOString();
  events.push({ type: "phase", phase: "inject", message: `Injecting ${describeFault(record.spec)} until ${deadline}` });
  const next = to(record, "observe", now, { injectedAt, deadline });
  events.push({
    type: "phase",
    phase: "observe",
    message: `Observing ${hypothesisLabel(record.spec)} for ${record.spec.durationSeconds}s`,
  });
  return { next, actions: [{ type: "injectFault" }], events };
}

function startRevert(record: FaultRecord, now: Date, events: MachineEvent[], reason: string): MachineStep {
  events.push({ type: "phase", phase: "revert", message: `Removing the experiment's faulted copies (${reason})` });
  const next = to(record, "recovery", now);
  events.push({
    type: "phase",
    phase: "recovery",
    message: `Watching ${hypothesisLabel(record.spec)} recover for ${record.spec.recoverySeconds}s`,
  });
  return { next, actions: [{ type: "removeFault" }], events };
}

function lateText(late: NonNullable<FaultMemory["lateRevert"]>): string {
  return `The fault outlived its deadline by ${late.seconds} s: ${late.reason}.`;
}

function withLate(summary: string, memory: FaultMemory): string {
  return memory.lateRevert ? `${summary} ${lateText(memory.lateRevert)}` : summary;
}

function summarize(record: FaultRecord): Pick<ExperimentRecord, "verdict" | "summary" | "status"> {
  const { memory, spec } = record;
  const fault = describeFault(spec);
  if (memory.abortedByHand && !memory.violation)
    return { status: "aborted", verdict: "aborted", summary: `Aborted by hand; ${fault} was removed.` };
  const values = (m: Measurement | undefined) =>
    m
      ? [
          m.successRate !== null ? `success ${m.successRate.toFixed(2)}%` : "",
          m.p95 !== null ? `p95 ${Math.round(m.p95)} ms` : "",
        ]
          .filter(Boolean)
          .join(", ") || "no data"
      : "no data";
  const measured = `before: ${values(memory.baseline)}; during: ${values(memory.during)}; after: ${values(memory.after)}`;
  if (memory.violation) {
    return {
      status: "completed",
      verdict: "violated",
      summary: `Hypothesis violated under ${fault}${memory.abortedEarly ? " (stopped early)" : ""}: ${memory.violation}. ${measured}.`,
    };
  }
  if (!memory.during)
    return {
      status: "completed",
      verdict: "inconclusive",
      summary: `No measurement of ${hypothesisLabel(spec)} while ${fault} was in place. ${measured}.`,
    };
  return { status: "completed", verdict: "held", summary: `Hypothesis held under ${fault}. ${measured}.` };
}

function abortEarlyBreached(record: FaultRecord, m: Measurement | undefined): string | undefined {
  const limit = record.spec.abortEarly;
  if (!limit || !m) return undefined;
  if (limit.minSuccessRate !== undefined && m.successRate !== null && m.successRate < limit.minSuccessRate)
    return `success ${m.successRate.toFixed(2)}% < ${limit.minSuccessRate}%`;
  if (limit.maxP95Ms !== undefined && m.p95 !== null && m.p95 > limit.maxP95Ms)
    return `p95 ${Math.round(m.p95)} ms > ${limit.maxP95Ms} ms`;
  return undefined;
}

export function advanceFault(record: FaultRecord, now: Date, input: MachineInput): MachineStep {
  const events: MachineEvent[] = [];
  const obs = observed(input);
  const { spec, memory } = record;
  if (input.observation && "error" in input.observation) {
    events.push({ type: "error", phase: record.phase, message: `Could not measure: ${input.observation.error}` });
  }

  if (record.status === "pending" && record.command === "abort") {
    events.push({ type: "command", phase: record.phase, message: "Abort requested" });
    const summary = "Aborted by hand before it started; nothing was injected.";
    events.push({ type: "phase", phase: "done", message: summary });
    return {
      next: {
        ...record,
        command: null,
        memory: { ...memory, abortedByHand: true },
        status: "aborted",
        phase: "done",
        verdict: "aborted",
        summary,
        finishedAt: now,
      },
      actions: [],
      events,
    };
  }
  if (record.status === "pending") {
    const started: FaultRecord = {
      ...to(record, spec.baselineSeconds > 0 ? "baseline" : "inject", now),
      status: "running",
      startedAt: now,
    };
    if (spec.baselineSeconds === 0) return startInjection(started, now, events);
    events.push({
      type: "phase",
      phase: "baseline",
      message: `Measuring ${hypothesisLabel(spec)} for ${spec.baselineSeconds}s before injecting`,
    });
    return { next: started, actions: [], events };
  }

  if (record.command === "abort") {
    const handled: FaultRecord = { ...record, command: null, memory: { ...memory, abortedByHand: true } };
    events.push({ type: "command", phase: record.phase, message: "Abort requested" });
    if (record.phase === "observe") return startRevert(handled, now, events, "aborted by hand");
    if (record.phase === "baseline") {
      const summary = "Aborted by hand before the fault was injected.";
      events.push({ type: "phase", phase: "done", message: summary });
      return {
        next: { ...handled, status: "aborted", phase: "done", verdict: "aborted", summary, finishedAt: now },
        actions: [],
        events,
      };
    }
    // Recovery: the fault is already out; what was measured so far stands.
    if (record.phase === "recovery") return finish(handled, now, events);
  }
  if (record.command && record.command !== "abort") {
    events.push({
      type: "command",
      phase: record.phase,
      message: `${record.command} does not apply to a fault experiment; ignored`,
    });
    record = { ...record, command: null };
  }

  if (record.phase === "baseline") {
    const done = secondsBetween(memory.phaseStartedAt, now) >= spec.baselineSeconds;
    if (obs) {
      const j = judge(record, obs, done);
      events.push(gateEvent("baseline", j.data));
      record = { ...record, memory: { ...record.memory, baseline: j.measurement } };
      if (done && j.pass === false) {
        const summary = `The steady state did not hold before injecting (${describeFailures(j.data)}); nothing was injected.`;
        events.push({ type: "phase", phase: "done", message: summary });
        return {
          next: { ...record, status: "failed", phase: "done", verdict: "inconclusive", summary, finishedAt: now },
          actions: [],
          events,
        };
      }
    }
    return done ? startInjection(record, now, events) : { next: record, actions: [], events };
  }

  if (record.phase === "observe" && memory.deadline !== undefined) {
    const overdue = now.getTime() >= new Date(memory.deadline).getTime();
    if (obs) {
      const windowCap = Math.min(spec.hypothesis.windowSeconds, spec.durationSeconds);
      const decisive = overdue || obs.windowSeconds >= windowCap;
      const j = judge(record, obs, decisive);
      events.push(gateEvent("observe", j.data));
      const m: Partial<FaultMemory> = { during: j.measurement ?? memory.during };
      if (decisive && j.pass === false && !memory.violation) m.violation = describeFailures(j.data);
      record = { ...record, memory: { ...record.memory, ...m } };
      const breach = abortEarlyBreached(record, j.measurement);
      if (breach && !overdue) {
        record = {
          ...record,
          memory: {
            ...record.memory,
            abortedEarly: true,
            violation: record.memory.violation ?? `abort-early condition met: ${breach}`,
          },
        };
        return startRevert(record, now, events, `abort-early condition met: ${breach}`);
      }
    }
    return overdue ? startRevert(record, now, events, "its duration is over") : { next: record, actions: [], events };
  }

  if (record.phase === "recovery") {
    const done = secondsBetween(memory.phaseStartedAt, now) >= spec.recoverySeconds;
    if (obs) {
      const j = judge(record, obs, done);
      events.push(gateEvent("recovery", j.data));
      record = { ...record, memory: { ...record.memory, after: j.measurement ?? record.memory.after } };
    }
    return done ? finish(record, now, events) : { next: record, actions: [], events };
  }

  // No phase the machine moves through (a hand-edited row, an older runner's leftovers):
  // end it rather than wait forever, with its rules removed.
  const state = `${record.status} in phase "${record.phase}"${record.phase === "observe" ? " without a deadline" : ""}`;
  events.push({
    type: "error",
    phase: record.phase,
    message: `Found in an inconsistent state (${state}); removing the experiment's rules and ending it`,
  });
  const summary = withLate(
    `Ended in an inconsistent state (${state}); the experiment's rules were removed.`,
    record.memory,
  );
  events.push({ type: "phase", phase: "done", message: summary });
  return {
    next: { ...record, command: null, status: "error", phase: "done", verdict: null, summary, finishedAt: now },
    actions: [],
    events,
  };
}

function finish(record: FaultRecord, now: Date, events: MachineEvent[]): MachineStep {
  const outcome = summarize(record);
  const summary = withLate(outcome.summary ?? "Done", record.memory);
  events.push({ type: "phase", phase: "done", message: summary });
  return {
    next: { ...record, ...outcome, summary, command: null, phase: "done", finishedAt: now },
    actions: [],
    events,
  };
}

/**
 * The fault's removal landed: if that was noticeably after the deadline, say by how long and
 * why on the timeline, and keep it for the summary (added to it here when the experiment
 * is ending with this very write).
 */
export function noteFaultRemoved(record: FaultRecord, landing: Landing): { next: FaultRecord; events: MachineEvent[] } {
  const { memory } = record;
  if (landing.action.type !== "removeFault" || !landing.wrote || !memory.deadline || memory.lateRevert)
    return { next: record, events: [] };
  const lateMs = landing.at.getTime() - new Date(memory.deadline).getTime();
  if (lateMs <= landing.toleranceMs) return { next: record, events: [] };
  const reason = landing.down
    ? `the console was not running from ${landing.down.from} to ${landing.down.to}`
    : memory.actionFailures > 0
      ? `removing it failed ${memory.actionFailures} time${memory.actionFailures === 1 ? "" : "s"} before it landed (see the errors above)`
      : "the runner's ticks came late";
  const lateRevert = { seconds: Math.round(lateMs / 1000), reason };
  const next: FaultRecord = { ...record, memory: { ...memory, lateRevert } };
  if (memory.finishAs && record.summary) next.summary = `${record.summary} ${lateText(lateRevert)}`;
  return {
    next,
    events: [
      {
        type: "note",
        phase: "revert",
        message: lateText(lateRevert),
        data: {
          lateSeconds: lateRevert.seconds,
          ...(landing.down ? { downFrom: landing.down.from, downTo: landing.down.to } : {}),
        },
      },
    ],
  };
}
