/**
 * The experiment runner: a thin loop around the pure state machine. Every tick it lists
 * the active experiments in the database and, for each one it can lease:
 *   load → measure what the machine asks for (Prometheus) → advance → carry out the
 *   actions (audited writes) → persist the next state with the events.
 * The next state is persisted only after all actions succeeded; a failed write leaves
 * the experiment where it was (with an error on its timeline) and the next tick tries
 * again — a revert is retried until it lands. Everything lives in the database, so a new
 * process resumes where the last one stopped; the first tick runs at start, so an overdue
 * fault is reverted at start-up. Leases (owner + expiry, renewed each tick) already make
 * it safe for several runners to share a database; today there is one per process.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { LabelMatcher } from "@/server/adapters/prometheus/promql";
import { appendEvents, claimExperiment, listActiveExperimentIds, loadExperimentRecord, saveStep, type ExperimentsDb, type NewEvent } from "./experiment-store";
import { executeAction, type ExperimentWriter } from "./experiment-writer";
import { describeAction, type ExperimentRecord, type MachineEvent, type MachineInput } from "./machine-types";
import { measureObservation, type QueryPrometheus } from "./measure-subjects";
import { advanceExperiment, observationRequest } from "./state-machine";

export interface RunnerDeps {
  db: ExperimentsDb;
  writer: ExperimentWriter;
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
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(`[experiments] ${message}`, error ?? ""));
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let lastLogged = "";
  /** Per experiment, the last action error put on its timeline (so a retried failure is noted once). */
  const lastError = new Map<string, string>();

  const stamp = (events: MachineEvent[], at: Date): NewEvent[] => events.map((e) => ({ ...e, at }));

  async function advanceOne(id: string): Promise<void> {
    const at = now();
    if (!(await claimExperiment(deps.db, id, owner, at, leaseMs))) return;
    const record = await loadExperimentRecord(deps.db, id);
    if (!record) return;
    const request = observationRequest(record, at);
    const input: MachineInput = {};
    if (request) {
      input.observation = await measureObservation(deps.queryPrometheus, record.memory.subjects, request, at, deps.extraMatchers).catch((error: unknown) => ({
        error: error instanceof Error ? error.message : String(error),
      }));
    }
    const step = advanceExperiment(record, at, input);
    let next: ExperimentRecord = step.next;
    const events = stamp(step.events, at);
    for (const action of step.actions) {
      try {
        const outcome = await executeAction(deps.writer, next, action);
        if (outcome.memoryPatch && next.memory.kind === "fault") next = { ...next, memory: { ...next.memory, ...outcome.memoryPatch } };
        events.push(...stamp(outcome.events, at));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const failures = record.memory.actionFailures + 1;
        const failed = { ...record, memory: { ...record.memory, actionFailures: failures } } as ExperimentRecord;
        const note: NewEvent[] = lastError.get(id) === reason ? [] : [{ type: "error", phase: record.phase, message: `Could not ${describeAction(action)}: ${reason}; retrying`, at }];
        lastError.set(id, reason);
        await saveStep(deps.db, failed, note, owner);
        return;
      }
    }
    lastError.delete(id);
    if (next.memory.actionFailures !== 0) next = { ...next, memory: { ...next.memory, actionFailures: 0 } } as ExperimentRecord;
    const consumed = record.command !== null && next.command === null ? record.command : undefined;
    const saved = await saveStep(deps.db, next, events, owner, consumed);
    if (!saved) log(`lost the lease on experiment ${id} during a tick; another runner took it over`);
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
        await appendEvents(deps.db, id, [{ type: "error", phase: "runner", message, at: now() }]).catch(() => undefined);
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
    kick: () => void tick(),
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
