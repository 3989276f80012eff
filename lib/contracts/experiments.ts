/**
 * The experiments API contract: what `POST /api/experiments` accepts (a fault-injection or a
 * canary spec) and what the read endpoints return (the experiment with its timeline).
 * Shared by the route handlers, the runner and the UI, so all three read the same shapes.
 */
import { z } from "zod";

const name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, "a Kubernetes name (lowercase letters, digits, '-', '.')")
  .max(253);
const percent = z.number().min(0).max(100);
const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

export const hypothesisScopes = ["callers", "inbound", "outbound"] as const;
export type HypothesisScope = (typeof hypothesisScopes)[number];

/** A service-level objective measured on one service: the fault experiment's steady state. */
export const sloSchema = z
  .object({
    service: name,
    /**
     * callers (the default): the requests to the service as its callers' proxies report
     * them (reporter="source") — where Istio's injected aborts and delays show, since they
     * happen in the caller's proxy and never reach the service; inbound: the requests the
     * service's own proxies report answering (blind to a fault injected on that service,
     * so creation refuses it there); outbound: the calls its workloads make. Bookinfo's
     * productpage answers 200 even when reviews failed ("reviews unavailable"), so only its
     * outbound calls show what its users lost.
     */
    scope: z.enum(hypothesisScopes).default("callers"),
    minSuccessRate: percent.optional(),
    maxP95Ms: z.number().positive().optional(),
    windowSeconds: seconds(5, 3600).default(30),
  })
  .refine((s) => s.minSuccessRate !== undefined || s.maxP95Ms !== undefined, {
    message: "give minSuccessRate and/or maxP95Ms",
  });
export type Slo = z.infer<typeof sloSchema>;

/** What a hypothesis measures, in words (timeline, verdict and report say the same). */
export function describeSloSubject(slo: Pick<Slo, "service" | "scope">): string {
  if (slo.scope === "outbound") return `calls made by ${slo.service}`;
  if (slo.scope === "callers") return `requests to ${slo.service} as its callers see them`;
  return `requests ${slo.service} answers`;
}

export const headerMatchSchema = z.object({
  header: z.string().regex(/^[a-z0-9-]+$/, "a lowercase header name"),
  op: z.enum(["exact", "prefix", "regex"]).default("exact"),
  value: z.string().min(1).max(256),
});

export const faultSpecSchema = z
  .object({
    kind: z.literal("fault"),
    namespace: name,
    service: name,
    /**
     * Route the faulted requests to this subset (e.g. ratings v1): the faulted copies of the
     * rules send their requests there. Absent = each copy keeps its rule's route.
     */
    subset: name.optional(),
    /**
     * Only requests with these headers (ANDed) get the fault, e.g. end-user = jason; empty =
     * every request. ANDed with each rule's own match in the faulted copies.
     */
    match: z.array(headerMatchSchema).max(8).default([]),
    delay: z.object({ fixedDelayMs: z.number().int().min(2).max(600_000), percent: percent }).optional(),
    abort: z.object({ httpStatus: z.number().int().min(200).max(599), percent: percent }).optional(),
    durationSeconds: seconds(5, 24 * 3600),
    baselineSeconds: seconds(0, 3600).default(30),
    recoverySeconds: seconds(0, 3600).default(30),
    hypothesis: sloSchema,
    /** Stop injecting early when the service is this bad (a harder limit than the hypothesis). */
    abortEarly: z.object({ minSuccessRate: percent.optional(), maxP95Ms: z.number().positive().optional() }).optional(),
  })
  .refine((s) => s.delay !== undefined || s.abort !== undefined, {
    message: "a fault needs a delay and/or an abort",
    path: ["delay"],
  });
export type FaultSpec = z.infer<typeof faultSpecSchema>;

export const canaryGatesSchema = z
  .object({
    minSuccessRate: percent.optional(),
    maxP95Ms: z.number().positive().optional(),
    maxP99Ms: z.number().positive().optional(),
    /** B's success rate may be at most this many points below A's over the same window. */
    maxSuccessRateDrop: percent.optional(),
    /** Fewer requests to B than this in a step's window = not enough data to judge yet. */
    minRequests: z.number().int().min(1).default(5),
  })
  .refine(
    (g) =>
      g.minSuccessRate !== undefined ||
      g.maxP95Ms !== undefined ||
      g.maxP99Ms !== undefined ||
      g.maxSuccessRateDrop !== undefined,
    {
      message: "give at least one gate",
    },
  );
export type CanaryGates = z.infer<typeof canaryGatesSchema>;

export const canarySpecSchema = z
  .object({
    kind: z.literal("canary"),
    namespace: name,
    service: name,
    from: name,
    to: name,
    /**
     * The `name` of the HTTP route the canary shifts; absent = the VirtualService's catch-all
     * (its last rule without a match). Every other rule (header pins, other hosts) is left alone.
     */
    rule: z.string().min(1).max(253).optional(),
    /** B's weight per step, increasing (e.g. [10, 50, 100]); or give stepWeight (and maxWeight) as in Flagger. */
    steps: z.array(z.number().int().min(1).max(100)).min(1).max(100).optional(),
    stepWeight: z.number().int().min(1).max(100).optional(),
    maxWeight: z.number().int().min(1).max(100).optional(),
    intervalSeconds: seconds(5, 24 * 3600),
    gates: canaryGatesSchema,
    /** Failed gate evaluations before rolling back (Flagger's threshold). */
    failedCheckThreshold: z.number().int().min(1).max(100).default(1),
  })
  .refine((s) => s.from !== s.to, { message: "from and to must be different subsets", path: ["to"] })
  .refine((s) => s.steps !== undefined || s.stepWeight !== undefined, {
    message: "give steps or stepWeight",
    path: ["steps"],
  })
  .refine((s) => !s.steps || s.steps.every((w, i, all) => i === 0 || w > all[i - 1]!), {
    message: "steps must increase",
    path: ["steps"],
  });
export type CanarySpec = z.infer<typeof canarySpecSchema>;

/** B's weight per step: the list as given, or stepWeight, 2×stepWeight, … up to maxWeight (default 100). */
export function canarySteps(spec: Pick<CanarySpec, "steps" | "stepWeight" | "maxWeight">): number[] {
  if (spec.steps) return spec.steps;
  const step = spec.stepWeight ?? 100;
  const max = spec.maxWeight ?? 100;
  const out: number[] = [];
  for (let w = step; w < max; w += step) out.push(w);
  out.push(max);
  return out;
}

export const experimentSpecSchema = z.discriminatedUnion("kind", [faultSpecSchema, canarySpecSchema]);
export type ExperimentSpec = z.infer<typeof experimentSpecSchema>;
export type ExperimentKind = ExperimentSpec["kind"];

export const createExperimentRequestSchema = z.object({ spec: experimentSpecSchema });
export type CreateExperimentRequest = z.input<typeof createExperimentRequestSchema>;

export const experimentStatuses = ["pending", "running", "paused", "completed", "failed", "aborted", "error"] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];
export const activeStatuses: readonly ExperimentStatus[] = ["pending", "running", "paused"];

/**
 * Where an experiment is in its state machine (server/experiments/fault-machine.ts,
 * canary-machine.ts): a fault runs baseline → inject → observe → revert → recovery, a canary
 * one `step` per weight; both start `pending` and end `done`.
 */
export const experimentPhases = [
  "pending",
  "baseline",
  "inject",
  "observe",
  "revert",
  "recovery",
  "step",
  "done",
] as const;
export type ExperimentPhase = (typeof experimentPhases)[number];
/** An event's phase: the experiment's, or `runner` for the runner's own failures (server/experiments/runner.ts). */
export const eventPhases = [...experimentPhases, "runner"] as const;
export type ExperimentEventPhase = (typeof eventPhases)[number];

export const experimentVerdicts = ["held", "violated", "promoted", "rolled_back", "aborted", "inconclusive"] as const;
export type ExperimentVerdict = (typeof experimentVerdicts)[number];

export const experimentCommands = ["pause", "resume", "abort", "promote"] as const;
export type ExperimentCommand = (typeof experimentCommands)[number];

export const eventTypes = ["phase", "config", "gate", "command", "error", "note"] as const;
export type ExperimentEventType = (typeof eventTypes)[number];

/** One gate's measurement against its threshold. `value` null = no data in the window. */
export const gateResultSchema = z.object({
  gate: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  threshold: z.number(),
  op: z.enum([">=", "<="]),
  pass: z.boolean().nullable(),
  /**
   * A canary's A over the same window, for the same measure (null = no data): what B is seen
   * against, never judged. Absent for fault hypotheses, the drop gate (already relative to A)
   * and evaluations stored before A was always measured.
   */
  baseline: z.number().nullable().optional(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

/** The data of a `gate` event: which window was judged and what each gate measured. */
export const gateEventDataSchema = z.object({
  windowSeconds: z.number(),
  /** Whether this evaluation decides (end of a step / observation) or only shows progress. */
  decisive: z.boolean(),
  step: z.number().int().optional(),
  weight: z.number().optional(),
  results: z.array(gateResultSchema),
  pass: z.boolean().nullable(),
});
export type GateEventData = z.infer<typeof gateEventDataSchema>;

export const experimentEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.enum(eventTypes),
  phase: z.enum(eventPhases),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  auditId: z.string().nullable(),
});
export type ExperimentEventDto = z.infer<typeof experimentEventSchema>;

/**
 * The machine's clock, for the run page's countdown and ETA (components/experiments/experiment-schedule.ts):
 * when the current phase began — for a canary, when the current step's judging window began (a failed check
 * or a resume restarts it) — and, for a fault, when the injection is removed. Null before the runner started
 * the experiment.
 */
export const experimentClockSchema = z.object({
  phaseStartedAt: z.string().nullable(),
  deadline: z.string().nullable(),
});
export type ExperimentClock = z.infer<typeof experimentClockSchema>;

export const experimentSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(["fault", "canary"]),
  namespace: z.string(),
  service: z.string(),
  status: z.enum(experimentStatuses),
  phase: z.enum(experimentPhases),
  verdict: z.enum(experimentVerdicts).nullable(),
  summary: z.string().nullable(),
  command: z.enum(experimentCommands).nullable(),
  /** Who started it, and their Kubernetes groups then (empty for the console's own identity). */
  actor: z.string(),
  actorGroups: z.array(z.string()),
  /** The kubeconfig context and the cluster (UID of kube-system) it acts on; null for older experiments. */
  kubeContext: z.string().nullable(),
  clusterId: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Canary: B's weight now (0–100); fault: null. */
  currentWeight: z.number().nullable(),
  /** Canary: the current step (0-based); fault: null. */
  currentStep: z.number().nullable(),
  clock: experimentClockSchema,
});
export type ExperimentSummary = z.infer<typeof experimentSummarySchema>;

export const experimentDetailSchema = experimentSummarySchema.extend({
  spec: experimentSpecSchema,
  events: z.array(experimentEventSchema),
});
export type ExperimentDetail = z.infer<typeof experimentDetailSchema>;

export const experimentListSchema = z.object({ items: z.array(experimentSummarySchema) });
export type ExperimentList = z.infer<typeof experimentListSchema>;

export function isActiveStatus(status: ExperimentStatus): boolean {
  return activeStatuses.includes(status);
}
