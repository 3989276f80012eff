/**
 * The shapes the experiment state machine reads and writes. `ExperimentRecord` is what the
 * database holds (spec and memory parsed); `memory` is the machine's own persisted state,
 * zod-checked when loaded so a hand-edited or older row fails loudly instead of misbehaving.
 */
import "server-only";
import { z } from "zod";
import type {
  ExperimentCommand,
  ExperimentEventPhase,
  ExperimentEventType,
  ExperimentPhase,
  ExperimentSpec,
  ExperimentStatus,
  ExperimentVerdict,
} from "@/lib/contracts/experiments";

const subjectSchema = z.object({
  direction: z.enum(["callers", "inbound", "outbound"]),
  namespace: z.string(),
  service: z.string().optional(),
  workloads: z.array(z.string()),
});

const measurementSchema = z.object({
  /** Requests per second over the window. */
  rps: z.number().nullable(),
  /** % of requests that are not errors (lib/istio/response-classes.ts). */
  successRate: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});
export type Measurement = z.infer<typeof measurementSchema>;

/** `restoreRule` puts the canary's rule back exactly as it was recorded (not "100% A"). */
export const experimentActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("injectFault") }),
  z.object({ type: z.literal("removeFault") }),
  z.object({ type: z.literal("setWeight"), weight: z.number() }),
  z.object({ type: z.literal("restoreRule") }),
]);
export type ExperimentAction = z.infer<typeof experimentActionSchema>;

const actionWords: Record<Exclude<ExperimentAction["type"], "setWeight">, string> = {
  injectFault: "inject the fault",
  removeFault: "remove the fault",
  restoreRule: "restore the canary's rule",
};

/** What an action does, in words, for the timeline. */
export function describeAction(action: ExperimentAction): string {
  return action.type === "setWeight" ? `set the weight to ${action.weight}%` : actionWords[action.type];
}

/** The statuses an experiment ends in. */
export const finishedStatuses = [
  "completed",
  "failed",
  "aborted",
  "error",
] as const satisfies readonly ExperimentStatus[];

/**
 * What the runner keeps in every experiment's memory (step-intent.ts); the machines carry it
 * along untouched.
 */
const runnerMemory = {
  /** Writes recorded as about to happen and not known to have landed: re-run before anything else. */
  pendingActions: z.array(experimentActionSchema).optional(),
  /**
   * The status to end in once the pending actions landed; until then
   * the experiment stays active, so a restarted runner finds it.
   */
  finishAs: z.enum(finishedStatuses).optional(),
  /**
   * When a runner last persisted a tick of this experiment (the start of a downtime, if the next tick is much later).
   */
  lastTickAt: z.string().optional(),
};

export const faultMemorySchema = z.object({
  kind: z.literal("fault"),
  ...runnerMemory,
  subjects: z.object({ hypothesis: subjectSchema }),
  phaseStartedAt: z.string(),
  /** When the fault went in, and by when it must be gone: set once, in the persisted intent to inject, never reset. */
  injectedAt: z.string().optional(),
  deadline: z.string().optional(),
  /** Which VirtualService holds the experiment's rules; whether the experiment created it. */
  virtualService: z.string().optional(),
  created: z.boolean().optional(),
  createdRest: z.record(z.string(), z.unknown()).optional(),
  baseline: measurementSchema.optional(),
  during: measurementSchema.optional(),
  after: measurementSchema.optional(),
  /** The first decisive violation, in words, with its values. */
  violation: z.string().optional(),
  abortedEarly: z.boolean().default(false),
  abortedByHand: z.boolean().default(false),
  /** How long after its deadline the fault was removed, and why — set when that was noticeably late. */
  lateRevert: z.object({ seconds: z.number(), reason: z.string() }).optional(),
  actionFailures: z.number().int().default(0),
});
export type FaultMemory = z.infer<typeof faultMemorySchema>;

/**
 * The one HTTP rule a canary shifts, recorded when the experiment is created — before its
 * first write — so abort and rollback can put it back exactly as it was (canary-rule-edits.ts).
 */
export const ownedRuleSchema = z.object({
  /** The VirtualService holding the rule (or the one the canary creates, named after the service). */
  virtualService: z.string(),
  /** The rule's `name` when the spec named one; absent = the catch-all (the last rule without a match). */
  name: z.string().optional(),
  /** The rule exactly as it was. When no VirtualService existed: what that meant, the service without subsets. */
  original: z.record(z.string(), z.unknown()),
  /** No VirtualService existed: the canary creates one, and the restore deletes it again if nobody changed it. */
  created: z.boolean().default(false),
});
export type OwnedRule = z.infer<typeof ownedRuleSchema>;

export const canaryMemorySchema = z.object({
  kind: z.literal("canary"),
  ...runnerMemory,
  subjects: z.object({ from: subjectSchema, to: subjectSchema }),
  steps: z.array(z.number()),
  stepIndex: z.number().int(),
  stepStartedAt: z.string(),
  /** B's weight as last written. */
  weight: z.number(),
  failedChecks: z.number().int().default(0),
  lastFailure: z.string().optional(),
  actionFailures: z.number().int().default(0),
  /** Absent in experiments created before canaries owned one rule: those roll back to 0% B. */
  owned: ownedRuleSchema.optional(),
});
export type CanaryMemory = z.infer<typeof canaryMemorySchema>;

export const machineMemorySchema = z.discriminatedUnion("kind", [faultMemorySchema, canaryMemorySchema]);
export type MachineMemory = z.infer<typeof machineMemorySchema>;

export type SubjectName = "hypothesis" | "from" | "to";

export interface ExperimentRecord {
  id: string;
  kind: ExperimentSpec["kind"];
  namespace: string;
  service: string;
  /** Who started the experiment (the runner acts as the console, for them: server/experiments/README.md). */
  actor: string;
  /** Their Kubernetes groups when they started it; read back as [] for older rows. */
  actorGroups?: readonly string[];
  /**
   * The cluster the experiment acts on (UID of its kube-system namespace) and the kubeconfig
   * context it was created through; null for rows older than this record. The runner acts
   * through that context and only while it still reaches that cluster.
   */
  clusterId: string | null;
  kubeContext: string | null;
  spec: ExperimentSpec;
  status: ExperimentStatus;
  phase: ExperimentPhase;
  memory: MachineMemory;
  command: ExperimentCommand | null;
  verdict: ExperimentVerdict | null;
  summary: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What the runner measured for the machine: each requested subject over one window. */
export interface Observation {
  windowSeconds: number;
  measurements: Partial<Record<SubjectName, Measurement>>;
}

/** What the machine wants measured this tick (none = nothing to judge now). */
export interface ObservationRequest {
  windowSeconds: number;
  subjects: SubjectName[];
}

export interface MachineInput {
  /** Absent when nothing was requested; `error` when Prometheus could not answer. */
  observation?: Observation | { error: string };
}

export interface MachineEvent {
  type: ExperimentEventType;
  phase: ExperimentEventPhase;
  message: string;
  data?: Record<string, unknown>;
}

export interface MachineStep {
  next: ExperimentRecord;
  actions: ExperimentAction[];
  events: MachineEvent[];
}

/** What the runner tells the machine when one of its writes has landed (state-machine.ts noteLanded). */
export interface Landing {
  action: ExperimentAction;
  /** False when the write found nothing to change (e.g. the rule was already gone). */
  wrote: boolean;
  at: Date;
  /** How late a revert may land before the timeline explains it (the runner: two ticks). */
  toleranceMs: number;
  /**
   * Set when the runner found the experiment last ticked by a runner that is gone: no runner worked on it in between.
   */
  down?: { from: string; to: string };
}

/** Windows shorter than this hold too few scrapes for rate() to mean anything. */
export const MIN_WINDOW_SECONDS = 5;

export function secondsBetween(from: string | Date, to: Date): number {
  return Math.max(0, (to.getTime() - new Date(from).getTime()) / 1000);
}
