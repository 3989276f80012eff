/**
 * Reads an experiment's timeline into what the charts and lists draw: one series per gate
 * (every evaluation, its window and threshold), the phase spans, the deciding evaluation of
 * each step, and the config changes. Pure, so the pages stay thin and this is unit-tested.
 */
import {
  gateEventDataSchema,
  type ExperimentDetail,
  type ExperimentEventDto,
  type ExperimentEventPhase,
  type GateEventData,
} from "@/lib/contracts/experiments";

export interface GatePoint {
  /** Seconds since the experiment started. */
  t: number;
  value: number | null;
  pass: boolean | null;
  phase: ExperimentEventPhase;
  step: number | null;
  decisive: boolean;
  windowSeconds: number;
  /** A canary's A over the same window (null = no data; undefined = not measured). */
  baseline?: number | null;
}

export interface GateSeries {
  gate: string;
  label: string;
  op: ">=" | "<=";
  threshold: number;
  points: GatePoint[];
  /** What the baseline line is ("v1 (A)"), when any evaluation recorded A's value. */
  baselineLabel?: string;
}

export interface PhaseSpan {
  phase: ExperimentEventPhase;
  label: string;
  from: number;
  to: number;
}

function startOf(detail: Pick<ExperimentDetail, "startedAt" | "createdAt">): number {
  return Date.parse(detail.startedAt ?? detail.createdAt);
}

const seconds = (at: string, start: number) => Math.max(0, Math.round((Date.parse(at) - start) / 100) / 10);

export function gateData(event: ExperimentEventDto): GateEventData | undefined {
  if (event.type !== "gate") return undefined;
  const parsed = gateEventDataSchema.safeParse(event.data);
  return parsed.success ? parsed.data : undefined;
}

export function gateSeries(
  detail: Pick<ExperimentDetail, "events" | "startedAt" | "createdAt" | "spec">,
): GateSeries[] {
  const start = startOf(detail);
  const byGate = new Map<string, GateSeries>();
  for (const event of detail.events) {
    const data = gateData(event);
    if (!data) continue;
    for (const r of data.results) {
      let series = byGate.get(r.gate);
      if (!series) {
        series = { gate: r.gate, label: r.label, op: r.op, threshold: r.threshold, points: [] };
        byGate.set(r.gate, series);
      }
      series.points.push({
        t: seconds(event.at, start),
        value: r.value,
        pass: r.pass,
        phase: event.phase,
        step: data.step ?? null,
        decisive: data.decisive,
        windowSeconds: data.windowSeconds,
        ...(r.baseline !== undefined ? { baseline: r.baseline } : {}),
      });
      if (r.baseline !== undefined && detail.spec.kind === "canary") series.baselineLabel = `${detail.spec.from} (A)`;
    }
  }
  return [...byGate.values()];
}

const phaseLabels: Partial<Record<ExperimentEventPhase, string>> = {
  baseline: "Before (baseline)",
  inject: "Inject",
  observe: "During (fault in place)",
  revert: "Revert",
  recovery: "After (recovery)",
  step: "Step",
  done: "Done",
};

/** Consecutive phases from the phase events; the last one runs to `now` (or the end). */
export function phaseSpans(
  detail: Pick<ExperimentDetail, "events" | "startedAt" | "createdAt" | "finishedAt">,
  now = Date.now(),
): PhaseSpan[] {
  const start = startOf(detail);
  const end = seconds(detail.finishedAt ?? new Date(now).toISOString(), start);
  const marks = detail.events.filter(
    (e) => e.type === "phase" && e.phase !== "done" && e.phase !== "inject" && e.phase !== "revert",
  );
  return marks.map((e, i) => {
    const step = typeof e.data?.step === "number" ? e.data.step : undefined;
    const weight = typeof e.data?.weight === "number" ? e.data.weight : undefined;
    const label =
      step !== undefined
        ? `Step ${step + 1}${weight !== undefined ? ` (${weight}%)` : ""}`
        : (phaseLabels[e.phase] ?? e.phase);
    return {
      phase: e.phase,
      label,
      from: seconds(e.at, start),
      to: i + 1 < marks.length ? seconds(marks[i + 1]!.at, start) : end,
    };
  });
}

export interface StepResult {
  step: number;
  weight: number | null;
  windowSeconds: number;
  pass: boolean | null;
  results: GateEventData["results"];
}

/** The deciding evaluation of each canary step (the last decisive one, after re-judging). */
export function stepResults(detail: Pick<ExperimentDetail, "events">): StepResult[] {
  const byStep = new Map<number, StepResult>();
  for (const event of detail.events) {
    const data = gateData(event);
    if (!data || !data.decisive || data.step === undefined) continue;
    byStep.set(data.step, {
      step: data.step,
      weight: data.weight ?? null,
      windowSeconds: data.windowSeconds,
      pass: data.pass,
      results: data.results,
    });
  }
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

export function configChanges(detail: Pick<ExperimentDetail, "events">): ExperimentEventDto[] {
  return detail.events.filter((e) => e.type === "config");
}

/** The live weights of a canary: A and B as the runner last wrote them. */
export function canaryWeights(
  detail: Pick<ExperimentDetail, "spec" | "currentWeight">,
): { subset: string; weight: number }[] | undefined {
  if (detail.spec.kind !== "canary" || detail.currentWeight === null) return undefined;
  return [
    { subset: detail.spec.from, weight: 100 - detail.currentWeight },
    { subset: detail.spec.to, weight: detail.currentWeight },
  ];
}
