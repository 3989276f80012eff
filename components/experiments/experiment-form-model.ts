/**
 * The creation form as plain strings (what inputs hold), its defaults, and the conversion to
 * a spec checked by the same zod schema the API uses, so the form shows the server's rules
 * before anything is sent. Empty optional fields are left out of the spec.
 */
import { experimentSpecSchema, type ExperimentSpec, type HypothesisScope } from "@/lib/contracts/experiments";

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

export function defaultCanaryForm(namespace: string, service: string): CanaryForm {
  return {
    namespace,
    service,
    from: "v1",
    to: "v2",
    rule: "",
    steps: "10, 50, 100",
    stepWeight: "",
    maxWeight: "",
    intervalSeconds: "60",
    minSuccessRate: "99",
    maxP95Ms: "",
    maxP99Ms: "",
    maxSuccessRateDrop: "",
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

export function toSpec(draft: unknown): SpecResult {
  const parsed = experimentSpecSchema.safeParse(draft);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join(".") || "spec"}: ${i.message}`) };
}
