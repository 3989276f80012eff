/**
 * Intent first: how a machine step with writes is persisted around them (runner.ts).
 *
 *   1. the intent — the next state with `memory.pendingActions` = the writes about to be
 *      made, saved with the step's events (which say what is about to happen) in one
 *      transaction, under the lease; a step that ends the experiment stays active here
 *      (status running, the final status in `memory.finishAs`), so that a restarted runner
 *      still lists it and finishes the job;
 *   2. the writes, in order; each one that lands leaves the pending list;
 *   3. the completion — no pending actions, the final status, the config events.
 *
 * A crash between 1 and 3 leaves the intent: the next runner performs the pending actions
 * again (they are idempotent) before it asks the machine anything, so a deadline or a
 * phase is never decided twice. Pure functions; the runner does the I/O.
 */
import "server-only";
import {
  finishedStatuses,
  type ExperimentAction,
  type ExperimentRecord,
  type MachineEvent,
  type MachineMemory,
  type MachineStep,
} from "./machine-types";

function withMemory(record: ExperimentRecord, memory: MachineMemory): ExperimentRecord {
  return { ...record, memory };
}

export function pendingActionsOf(record: ExperimentRecord): ExperimentAction[] {
  return record.memory.pendingActions ?? [];
}

/**
 * What to persist before performing the step's actions: `next`, still active, with the
 * actions pending. An ending step's "done" event waits for completeIntent, so the timeline
 * says the experiment ended only once it really has (after its last write).
 */
export function recordIntent(step: MachineStep): { record: ExperimentRecord; events: MachineEvent[] } {
  const { next, actions, events } = step;
  if (actions.length === 0) return { record: next, events };
  const memory: MachineMemory = { ...next.memory, pendingActions: actions };
  const finishAs = finishedStatuses.find((status) => status === next.status);
  if (!finishAs) return { record: withMemory(next, memory), events };
  return {
    record: { ...next, status: "running", finishedAt: null, memory: { ...memory, finishAs } },
    events: events.filter((e) => !(e.type === "phase" && e.phase === "done")),
  };
}

/** The intent after its first pending action landed (actions are performed in order). */
export function firstActionLanded(intent: ExperimentRecord): ExperimentRecord {
  return withMemory(intent, { ...intent.memory, pendingActions: pendingActionsOf(intent).slice(1) });
}

/** The intent with one more failed attempt counted (the runner notes each distinct error once). */
export function failedAttempt(intent: ExperimentRecord): ExperimentRecord {
  return withMemory(intent, { ...intent.memory, actionFailures: intent.memory.actionFailures + 1 });
}

/** Every pending action landed: the step is done, and an ending step ends now — with its "done" event. */
export function completeIntent(
  intent: ExperimentRecord,
  at: Date,
): { record: ExperimentRecord; events: MachineEvent[] } {
  const { pendingActions: _pending, finishAs, ...memory } = intent.memory;
  const done = withMemory(intent, { ...memory, actionFailures: 0 });
  if (!finishAs) return { record: done, events: [] };
  return {
    record: { ...done, status: finishAs, finishedAt: at },
    events: [{ type: "phase", phase: "done", message: intent.summary ?? "Done" }],
  };
}

/** Stamps the memory with the tick that persists it (a later runner measures a downtime from it). */
export function stampTick(record: ExperimentRecord, at: Date): ExperimentRecord {
  return withMemory(record, { ...record.memory, lastTickAt: at.toISOString() });
}
