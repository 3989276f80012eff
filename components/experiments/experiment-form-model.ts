/**
 * The creation form as plain strings (what inputs hold), its defaults, and the conversion to
 * a spec checked by the same zod schema the API uses, so the form shows the server's rules
 * before anything is sent. Empty optional fields are left out of the spec.
 */
import { experimentSpecSchema, type ExperimentSpec, type HypothesisScope } from "@/lib/contracts/experiments";
import type { KubeObject, TrafficSubset } from "@/lib/contracts/traffic";

export type ExperimentFormKind = "canary" | "fault";

export interface CanaryForm {
  namespace: string;
  service: string;
  from: string;
  to: string;
  /** The HTTP route (by name) the canary shifts; empty = the VirtualService's catch-all rule. */
  rule: string;
  steps: string;
  stepWeight: string;
  maxWeight: string;
  intervalSeconds: string;
  minSuccessRate: string;
  maxP95Ms: string;
  maxP99Ms: string;
  maxSuccessRateDrop: string;
  /** Requests to B a step's window needs before it is judged (fewer = not enough data yet). */
  minRequests: string;
  failedCheckThreshold: string;
}

export interface FaultForm {
  namespace: string;
  service: string;
  subset: string;
  matchHeader: string;
  matchValue: string;
  delayMs: string;
  delayPercent: string;
  abortStatus: string;
  abortPercent: string;
  durationSeconds: string;
  baselineSeconds: string;
  recoverySeconds: string;
  hypothesisService: string;
  hypothesisScope: HypothesisScope;
  minSuccessRate: string;
  maxP95Ms: string;
  windowSeconds: string;
  abortEarlyMinSuccessRate: string;
}

/**
 * The subsets start empty: they are picked from the service's DestinationRule (the pickers),
 * never guessed — a "v1"/"v2" default names subsets many services do not have.
 */
export function defaultCanaryForm(namespace: string, service: string): CanaryForm {
  return {
    namespace,
    service,
    from: "",
    to: "",
    rule: "",
    steps: "10, 50, 100",
    stepWeight: "",
    maxWeight: "",
    intervalSeconds: "60",
    minSuccessRate: "99",
    maxP95Ms: "",
    maxP99Ms: "",
    maxSuccessRateDrop: "",
    // The contract's default (lib/contracts/experiments.ts, canaryGatesSchema), shown so it can be raised.
    minRequests: "5",
    failedCheckThreshold: "1",
  };
}

export function defaultFaultForm(namespace: string, service: string): FaultForm {
  return {
    namespace,
    service,
    subset: "",
    matchHeader: "end-user",
    matchValue: "",
    delayMs: "7000",
    delayPercent: "100",
    abortStatus: "",
    abortPercent: "100",
    durationSeconds: "60",
    baselineSeconds: "30",
    recoverySeconds: "30",
    hypothesisService: service,
    // Where the fault shows: Istio injects it in the callers' proxies (lib/contracts/experiments.ts, sloSchema).
    hypothesisScope: "callers",
    minSuccessRate: "99",
    // A delay never lowers the success rate: a hypothesis on that alone passes through a 7 s
    // delay. A p95 bound, read where the callers' proxies see the delay (scope callers,
    // reporter="source", the view the graph's edge shows too), is what watches it.
    maxP95Ms: "1000",
    windowSeconds: "30",
    abortEarlyMinSuccessRate: "",
  };
}

const num = (text: string): number | undefined => (text.trim() === "" ? undefined : Number(text.trim()));
const list = (text: string): number[] | undefined =>
  text.trim() === ""
    ? undefined
    : text
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
const text = (value: string): string | undefined => (value.trim() === "" ? undefined : value.trim());

function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function canaryDraft(form: CanaryForm): unknown {
  return compact({
    kind: "canary",
    namespace: text(form.namespace),
    service: text(form.service),
    from: text(form.from),
    to: text(form.to),
    rule: text(form.rule),
    steps: list(form.steps),
    stepWeight: num(form.stepWeight),
    maxWeight: num(form.maxWeight),
    intervalSeconds: num(form.intervalSeconds),
    gates: compact({
      minSuccessRate: num(form.minSuccessRate),
      maxP95Ms: num(form.maxP95Ms),
      maxP99Ms: num(form.maxP99Ms),
      maxSuccessRateDrop: num(form.maxSuccessRateDrop),
      minRequests: num(form.minRequests),
    }),
    failedCheckThreshold: num(form.failedCheckThreshold),
  });
}

export function faultDraft(form: FaultForm): unknown {
  const delayMs = num(form.delayMs);
  const abortStatus = num(form.abortStatus);
  const abortEarly = num(form.abortEarlyMinSuccessRate);
  return compact({
    kind: "fault",
    namespace: text(form.namespace),
    service: text(form.service),
    subset: text(form.subset),
    match:
      text(form.matchHeader) && text(form.matchValue)
        ? [{ header: form.matchHeader.trim().toLowerCase(), op: "exact", value: form.matchValue.trim() }]
        : [],
    delay: delayMs !== undefined ? { fixedDelayMs: delayMs, percent: num(form.delayPercent) ?? 100 } : undefined,
    abort: abortStatus !== undefined ? { httpStatus: abortStatus, percent: num(form.abortPercent) ?? 100 } : undefined,
    durationSeconds: num(form.durationSeconds),
    baselineSeconds: num(form.baselineSeconds),
    recoverySeconds: num(form.recoverySeconds),
    hypothesis: compact({
      service: text(form.hypothesisService),
      scope: form.hypothesisScope,
      minSuccessRate: num(form.minSuccessRate),
      maxP95Ms: num(form.maxP95Ms),
      windowSeconds: num(form.windowSeconds),
    }),
    abortEarly: abortEarly !== undefined ? { minSuccessRate: abortEarly } : undefined,
  });
}

export type SpecResult = { ok: true; spec: ExperimentSpec } | { ok: false; problems: string[] };

/** The form's names for the spec's fields, so a problem names what the user sees, not `gates.minRequests`. */
const fieldWords: Record<string, string> = {
  namespace: "Namespace",
  service: "Service",
  from: "From subset (A)",
  to: "To subset (B)",
  subset: "Subset",
  steps: "Steps",
  stepWeight: "Step weight",
  maxWeight: "Max weight",
  intervalSeconds: "Interval per step",
  gates: "Gates on B",
  "gates.minSuccessRate": "Min success rate",
  "gates.maxP95Ms": "Max p95",
  "gates.maxP99Ms": "Max p99",
  "gates.maxSuccessRateDrop": "Max drop below A",
  "gates.minRequests": "Min requests to B per step",
  failedCheckThreshold: "Failed checks before rollback",
  delay: "Fault",
  "delay.fixedDelayMs": "Delay",
  "delay.percent": "Delay on",
  "abort.httpStatus": "Abort HTTP status",
  "abort.percent": "Abort on",
  durationSeconds: "Duration",
  baselineSeconds: "Baseline",
  recoverySeconds: "Recovery",
  hypothesis: "Steady-state hypothesis",
  "hypothesis.service": "Measured service",
  "hypothesis.minSuccessRate": "Min success rate",
  "hypothesis.maxP95Ms": "Max p95",
  "hypothesis.windowSeconds": "Window",
  "abortEarly.minSuccessRate": "Stop early below success",
};

function describeProblem(issue: { path: PropertyKey[]; message: string; code: string; input?: unknown }): string {
  const path = issue.path.map(String).join(".");
  const field = fieldWords[path] ?? (path || "The experiment");
  if (issue.code === "invalid_type" && issue.input === undefined) return `${field} is required`;
  if (issue.code === "invalid_type" && typeof issue.input === "number") return `${field} must be a number`;
  return `${field}: ${issue.message}`;
}

export function toSpec(draft: unknown): SpecResult {
  // reportInput: the problem can tell a missing field ("is required") from a wrong one.
  const parsed = experimentSpecSchema.safeParse(draft, { reportInput: true });
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, problems: parsed.error.issues.map(describeProblem) };
}

/** One choice of a subset picker: a subset the experiment can use, or one shown with why it cannot. */
export interface SubsetChoice {
  name: string;
  label: string;
  disabled: boolean;
}

/**
 * The service's subsets as the pickers offer them. Creation refuses a subset its
 * DestinationRule does not define or one that selects no pods
 * (server/experiments/create-experiment.ts), so those are shown, disabled, with the reason:
 * the user learns what to fix instead of wondering where v4 went.
 */
export function subsetChoices(subsets: readonly TrafficSubset[]): SubsetChoice[] {
  return subsets.map((s) => {
    const reason = !s.inDestinationRule
      ? "not in a DestinationRule yet"
      : s.workloads.length === 0
        ? "selects no pods"
        : undefined;
    return {
      name: s.name,
      label: reason ? `${s.name} (${reason})` : `${s.name} (${s.workloads.join(", ")})`,
      disabled: reason !== undefined,
    };
  });
}

/**
 * Picking a namespace or a service clears what depended on the old one: a subset of reviews
 * means nothing for ratings. The fault's measured service follows the faulted service unless
 * the user chose another one (Bookinfo's productpage, to see what its users lose).
 */
export function pickCanaryTarget(form: CanaryForm, pick: { namespace: string } | { service: string }): CanaryForm {
  if ("namespace" in pick)
    return pick.namespace === form.namespace
      ? form
      : { ...form, namespace: pick.namespace, service: "", from: "", to: "", rule: "" };
  return pick.service === form.service ? form : { ...form, service: pick.service, from: "", to: "", rule: "" };
}

export function pickFaultTarget(form: FaultForm, pick: { namespace: string } | { service: string }): FaultForm {
  if ("namespace" in pick)
    return pick.namespace === form.namespace
      ? form
      : { ...form, namespace: pick.namespace, service: "", subset: "", hypothesisService: "" };
  if (pick.service === form.service) return form;
  const follows = form.hypothesisService === "" || form.hypothesisService === form.service;
  return {
    ...form,
    service: pick.service,
    subset: "",
    hypothesisService: follows ? pick.service : form.hypothesisService,
  };
}

/**
 * The names of a VirtualService's HTTP routes, in order: what a canary's `rule` can name.
 * Unnamed routes cannot be named; the catch-all is the picker's empty choice.
 */
export function namedHttpRoutes(virtualService: KubeObject | null | undefined): string[] {
  const http = virtualService?.spec?.http;
  if (!Array.isArray(http)) return [];
  return http.flatMap((route: unknown) => {
    const name = typeof route === "object" && route !== null && "name" in route ? route.name : undefined;
    return typeof name === "string" && name !== "" ? [name] : [];
  });
}
