/**
 * The experiment state machine. One pure function advances an experiment:
 *
 *     advanceExperiment(record, now, { observation }) → { next, actions, events }
 *
 * - `record` is what the database holds: status (pending | running | paused | completed |
 *   failed | aborted | error), phase, the validated spec, the machine's memory (deadlines,
 *   step, failed checks, what it wrote) and a pending command from the API.
 * - `observation` is what the runner measured for `observationRequest(record, now)`: each
 *   subject (the hypothesis service, or canary subsets A and B) over a window the machine
 *   chose — for a canary, the seconds since the step began, so a step is judged on its own
 *   traffic; for a fault, the hypothesis window capped by the time since injection.
 * - `actions` are config writes the runner performs through the audited write path
 *   (inject the faulted copies, remove them, set B's weight, restore the canary's rule). The
 *   runner persists `next` with the actions as pending BEFORE writing, and marks them done
 *   after (step-intent.ts): the database never claims a write that did not happen, and no
 *   write happens without the database knowing it may have. Actions are idempotent, so a
 *   restarted runner simply performs pending ones again; the machine is called again only
 *   once they all landed.
 * - `events` go on the timeline: phase changes, every gate evaluation with its values,
 *   commands, measurement errors.
 *
 * Fault: pending → baseline (measure the steady state) → inject (add the faulted copies; the
 * deadline goes into the persisted intent) → observe (evaluate the hypothesis; stop early on
 * the abort-early condition) → revert (remove only the experiment's rules) → recovery
 * (measure again) → done with verdict held / violated. However a fault experiment ends —
 * verdict, failed baseline, abort in any phase, an inconsistent state — its last action is
 * removeFault (idempotent: a note when nothing is left), added here for every kind of end.
 * Canary: pending → step 1…n (B at each weight in its one owned rule, gates judged at the
 * end of each interval, failed checks counted) → done with verdict promoted (100% B) or
 * rolled_back (the owned rule restored exactly as recorded); pause, resume, abort and
 * promote are commands.
 *
 * Time comes in as `now` and nothing here reads a clock or does I/O, so the unit tests
 * drive whole experiments with tiny intervals and fabricated measurements.
 */
import "server-only";
import type { CanarySpec, FaultSpec } from "@/lib/contracts/experiments";
import { advanceCanary, canaryObservationRequest } from "./canary-machine";
import { advanceFault, faultObservationRequest, noteFaultRemoved } from "./fault-machine";
import type {
  CanaryMemory,
  ExperimentRecord,
  FaultMemory,
  Landing,
  MachineEvent,
  MachineInput,
  MachineStep,
  ObservationRequest,
} from "./machine-types";

type Narrowed =
  | { kind: "fault"; record: ExperimentRecord & { spec: FaultSpec; memory: FaultMemory } }
  | { kind: "canary"; record: ExperimentRecord & { spec: CanarySpec; memory: CanaryMemory } };

function narrow(record: ExperimentRecord): Narrowed {
  if (record.spec.kind === "fault" && record.memory.kind === "fault")
    return { kind: "fault", record: record as ExperimentRecord & { spec: FaultSpec; memory: FaultMemory } };
  if (record.spec.kind === "canary" && record.memory.kind === "canary")
    return { kind: "canary", record: record as ExperimentRecord & { spec: CanarySpec; memory: CanaryMemory } };
  throw new Error(`experiment ${record.id}: spec (${record.spec.kind}) and memory (${record.memory.kind}) disagree`);
}

const finished = new Set(["completed", "failed", "aborted", "error"]);

export function isFinished(record: Pick<ExperimentRecord, "status">): boolean {
  return finished.has(record.status);
}

/** What the runner should measure before calling advanceExperiment at `now`. */
export function observationRequest(record: ExperimentRecord, now: Date): ObservationRequest | undefined {
  if (isFinished(record)) return undefined;
  const n = narrow(record);
  return n.kind === "fault" ? faultObservationRequest(n.record, now) : canaryObservationRequest(n.record, now);
}

export function advanceExperiment(record: ExperimentRecord, now: Date, input: MachineInput = {}): MachineStep {
  if (isFinished(record)) return { next: record, actions: [], events: [] };
  const n = narrow(record);
  return n.kind === "fault"
    ? removingRulesAtTheEnd(advanceFault(n.record, now, input))
    : advanceCanary(n.record, now, input);
}

/** A fault experiment is never finished while its rule may be live: its last action is the removal. */
function removingRulesAtTheEnd(step: MachineStep): MachineStep {
  if (!isFinished(step.next) || step.actions.at(-1)?.type === "removeFault") return step;
  return { ...step, actions: [...step.actions, { type: "removeFault" }] };
}

/** What the machine notes once one of the runner's writes landed (a fault removed after its deadline, and why). */
export function noteLanded(
  record: ExperimentRecord,
  landing: Landing,
): { next: ExperimentRecord; events: MachineEvent[] } {
  const n = narrow(record);
  return n.kind === "fault" ? noteFaultRemoved(n.record, landing) : { next: record, events: [] };
}
