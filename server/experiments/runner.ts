/**
 * The experiment runner: a thin loop around the pure state machine. Every tick it lists
 * the active experiments in the database and, for each one it can lease:
 *   load → perform the writes a previous tick recorded as pending, if any → measure what
 *   the machine asks for (Prometheus) → advance → persist the next state with the writes
 *   about to be made (the intent) → make them (audited writes) → persist the completion.
 * Intent first (step-intent.ts): the database never claims a write that did not happen,
 * and no write happens without the database knowing it may have. A failed write leaves
 * its intent in place (with an error on the timeline, once per distinct error) and the
 * next tick performs it again — a revert is retried until it lands. Everything lives in
 * the database, so a new process resumes where the last one stopped; the first tick runs
 * at start, so an overdue fault is reverted at start-up, and the timeline says how long
 * it outlived its deadline while no runner was there. Leases (owner + expiry, renewed each
 * tick) make it safe for several runners to share a database; today there is one per process.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { ExperimentCommand } from "@/lib/contracts/experiments";
import type { LabelMatcher } from "@/server/adapters/prometheus/promql";
import {
  appendEvents,
  claimExperiment,
  listActiveExperimentIds,
  loadExperimentRecord,
  saveStep,
  type ExperimentsDb,
  type NewEvent,
} from "./experiment-store";
import { executeAction, type ExperimentWriter } from "./experiment-writer";
import {
  describeAction,
  type ExperimentRecord,
  type Landing,
  type MachineEvent,
  type MachineInput,
} from "./machine-types";
import { measureObservation, type QueryPrometheus } from "./measure-subjects";
import { advanceExperiment, isFinished, noteLanded, observationRequest } from "./state-machine";
import {
  completeIntent,
  failedAttempt,
  firstActionLanded,
  pendingActionsOf,
  recordIntent,
  stampTick,
} from "./step-intent";

export interface RunnerDeps {
  db: ExperimentsDb;
  /**
   * The cluster as one experiment may act on it. The live one connects through the
   * experiment's own kubeconfig context and refuses when that context now reaches another
   * cluster than the one recorded (index.ts); a refusal is a failed write like any other:
   * noted on the timeline, the intent kept, tried again next tick.
   */
  writerFor(record: ExperimentRecord): Promise<ExperimentWriter>;
  queryPrometheus: QueryPrometheus;
  /** Matchers added to every gate query (e.g. a cluster or job label when one Prometheus serves several meshes). */
  extraMatchers?: LabelMatcher[];
  now?: () => Date;
  owner?: string;
  tickMs?: number;
  /** How long a lease lasts without renewal; default three ticks. */
  leaseMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface ExperimentRunner {
  readonly owner: string;
  /** One pass over the active experiments (tests drive this directly). */
  tick(): Promise<void>;
  /** Ticks now (soon, if a tick is running), e.g. after a command arrived. */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
}

export const DEFAULT_TICK_MS = 3000;

export function createExperimentRunner(deps: RunnerDeps): ExperimentRunner {
  const owner = deps.owner ?? `runner-${randomUUID()}`;
  const tickMs = deps.tickMs ?? DEFAULT_TICK_MS;
  const leaseMs = deps.leaseMs ?? tickMs * 3;
  const now = deps.now ?? (() => new Date());
  const log =
    deps.log ?? ((message: string, error?: unknown) => console.error(`[experiments] ${message}`, error ?? ""));
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let lastLogged = "";
  /** Per experiment, the last action error put on its timeline (so a retried failure is noted once). */
  const lastError = new Map<string, string>();

  /**
   * Per experiment, the tick this runner last persisted; any other `lastTickAt` was written by a runner that is gone.
   */
  const ownTicks = new Map<string, string>();

  const stamp = (events: (MachineEvent & { auditId?: string })[], at: Date): NewEvent[] =>
    events.map((e) => ({ ...e, at }));

  /** Persists under the lease, stamped with the tick; false when another runner holds the experiment now. */
  async function save(
    record: ExperimentRecord,
    events: NewEvent[],
    at: Date,
    consumed?: ExperimentCommand,
  ): Promise<boolean> {
    const stamped = stampTick(record, at);
    const saved = await saveStep(deps.db, stamped, events, owner, consumed);
    if (!saved) log(`lost the lease on experiment ${record.id} during a tick; another runner took it over`);
    else if (isFinished(stamped)) ownTicks.delete(record.id);
    else ownTicks.set(record.id, at.toISOString());
    return saved;
  }

  /**
   * Performs the intent's pending actions in order, then persists the completion with their
   * events (after `leading`). On a failure it persists what landed so far and keeps the rest
   * pending. Returns the completed record, or undefined when the step is not complete.
   */
  async function perform(
    intent: ExperimentRecord,
    at: Date,
    down: Landing["down"],
    leading: NewEvent[] = [],
  ): Promise<ExperimentRecord | undefined> {
    let current = intent;
    const events = [...leading];
    let writer: ExperimentWriter | undefined;
    for (const action of pendingActionsOf(intent)) {
      try {
        writer ??= await deps.writerFor(intent);
        const outcome = await executeAction(writer, current, action);
        const landedAt = now();
        if (outcome.memoryPatch && current.memory.kind === "fault")
          current = { ...current, memory: { ...current.memory, ...outcome.memoryPatch } };
        events.push(...stamp(outcome.events, landedAt));
        const noted = noteLanded(current, {
          action,
          wrote: outcome.events.some((e) => e.type === "config"),
          at: landedAt,
          toleranceMs: 2 * tickMs,
          ...(down ? { down } : {}),
        });
        events.push(...stamp(noted.events, landedAt));
        current = firstActionLanded(noted.next);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (lastError.get(intent.id) !== reason)
          events.push({
            type: "error",
            phase: current.phase,
            message: `Could not ${describeAction(action)}: ${reason}; retrying`,
            at: now(),
          });
        lastError.set(intent.id, reason);
        await save(failedAttempt(current), events, at);
        return undefined;
      }
    }
    lastError.delete(intent.id);
    const endedAt = now();
    const completed = completeIntent(current, endedAt);
    return (await save(completed.record, [...events, ...stamp(completed.events, endedAt)], at))
      ? completed.record
      : undefined;
  }

  async function advanceOne(id: string): Promise<void> {
    const at = now();
    if (!(await claimExperiment(deps.db, id, owner, at, leaseMs))) return;
    let record = await loadExperimentRecord(deps.db, id);
    if (!record) return;
    const last = record.memory.lastTickAt;
    // Ticked last by a runner that is gone (a restart, or a takeover): was nobody there for a while?
    const resumed = last !== undefined && ownTicks.get(id) !== last;
    const down =
      resumed && at.getTime() - new Date(last).getTime() > 2 * tickMs
        ? { from: last, to: at.toISOString() }
        : undefined;
    const pending = pendingActionsOf(record);
    if (pending.length > 0) {
      const note: NewEvent[] = resumed
        ? [
            {
              type: "note",
              phase: record.phase,
              message: `The runner that was about to ${pending.map(describeAction).join(", then ")} stopped before recording the outcome (its last tick: ${last}); doing it again`,
              at,
            },
          ]
        : [];
      const completed = await perform(record, at, down, note);
      if (!completed || isFinished(completed)) return;
      record = completed;
    }
    const request = observationRequest(record, at);
    const input: MachineInput = {};
    if (request) {
      input.observation = await measureObservation(
        deps.queryPrometheus,
        record.memory.subjects,
        request,
        at,
        deps.extraMatchers,
      ).catch((error: unknown) => ({
        error: error instanceof Error ? error.message : String(error),
      }));
    }
    const step = advanceExperiment(record, at, input);
    const consumed = record.command !== null && step.next.command === null ? record.command : undefined;
    const intent = recordIntent(step);
    if (!(await save(intent.record, stamp(intent.events, at), at, consumed))) return;
    if (step.actions.length > 0) await perform(intent.record, at, down);
  }

  async function runTick(): Promise<void> {
    let ids: string[];
    try {
      ids = await listActiveExperimentIds(deps.db);
      lastLogged = "";
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (text !== lastLogged) log("cannot list experiments", error);
      lastLogged = text;
      return;
    }
    for (const id of ids) {
      try {
        await advanceOne(id);
      } catch (error) {
        // Noted once per distinct failure, so a broken row does not fill its timeline every tick.
        const message = `Runner error: ${error instanceof Error ? error.message : String(error)}`;
        if (lastError.get(id) === message) continue;
        lastError.set(id, message);
        log(`tick of experiment ${id} failed`, error);
        await appendEvents(deps.db, id, [{ type: "error", phase: "runner", message, at: now() }]).catch(
          () => undefined,
        );
      }
    }
  }

  function tick(): Promise<void> {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = runTick().finally(() => {
      inFlight = undefined;
      if (again) {
        again = false;
        void tick();
      }
    });
    return inFlight;
  }

  return {
    owner,
    tick,
    // Only a started runner ticks on a kick: a stopped one (background work off, or this
    // replica not leading) leaves the experiment to the runner that is running.
    kick: () => {
      if (timer) void tick();
    },
    start() {
      if (timer) return;
      void tick();
      timer = setInterval(() => void tick(), tickMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
