import { describe, expect, it } from "vitest";
import type { ExperimentDetail } from "@/lib/contracts/experiments";
import { canaryWeights, configChanges, gateSeries, phaseSpans, stepResults } from "./timeline-model";

const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, s)).toISOString();
const gate = (s: number, step: number, value: number, decisive: boolean, baseline?: number) => ({
  id: `g${s}`,
  at: at(s),
  type: "gate" as const,
  phase: "step" as const,
  message: "",
  auditId: null,
  data: {
    windowSeconds: 10,
    decisive,
    step,
    weight: step === 0 ? 10 : 50,
    pass: value >= 99,
    results: [
      {
        gate: "successRate",
        label: "v3 success rate %",
        value,
        threshold: 99,
        op: ">=",
        pass: value >= 99,
        ...(baseline !== undefined ? { baseline } : {}),
      },
    ],
  },
});

const detail: ExperimentDetail = {
  id: "c1",
  kind: "canary",
  namespace: "bookinfo",
  service: "reviews",
  status: "failed",
  phase: "done",
  verdict: "rolled_back",
  summary: "Rolled back",
  command: null,
  actor: "alice",
  actorGroups: [],
  kubeContext: "prod",
  clusterId: "uid-prod",
  createdAt: at(0),
  startedAt: at(0),
  finishedAt: at(30),
  currentWeight: 0,
  currentStep: 1,
  clock: { phaseStartedAt: at(20), deadline: null },
  spec: {
    kind: "canary",
    namespace: "bookinfo",
    service: "reviews",
    from: "v1",
    to: "v3",
    steps: [10, 50],
    intervalSeconds: 10,
    gates: { minSuccessRate: 99, minRequests: 5 },
    failedCheckThreshold: 1,
  },
  events: [
    { id: "p0", at: at(0), type: "phase", phase: "step", message: "", auditId: null, data: { step: 0, weight: 10 } },
    { id: "c0", at: at(0), type: "config", phase: "step", message: "Set", auditId: "a1", data: { weight: 10 } },
    gate(5, 0, 100, false),
    gate(10, 0, 100, true),
    { id: "p1", at: at(10), type: "phase", phase: "step", message: "", auditId: null, data: { step: 1, weight: 50 } },
    gate(20, 1, 70, true),
    { id: "d", at: at(20), type: "phase", phase: "done", message: "", auditId: null, data: null },
  ],
};

describe("the timeline model", () => {
  it("draws one series per gate with every evaluation, seconds from the start", () => {
    const [series] = gateSeries(detail);
    expect(series?.points.map((p) => [p.t, p.value, p.decisive])).toEqual([
      [5, 100, false],
      [10, 100, true],
      [20, 70, true],
    ]);
    expect(series?.threshold).toBe(99);
  });

  it("carries A's value beside B's as the baseline, named after A, when the runner measured it", () => {
    const withA = gate(25, 1, 98, true, 99.8);
    const [series] = gateSeries({ ...detail, events: [...detail.events, withA] });
    expect(series?.baselineLabel).toBe("v1 (A)");
    expect(series?.points.map((p) => p.baseline)).toEqual([undefined, undefined, undefined, 99.8]);
    expect(gateSeries(detail)[0]?.baselineLabel).toBeUndefined();
  });

  it("spans each step until the next phase, the last one until the end", () => {
    expect(phaseSpans(detail).map((s) => [s.label, s.from, s.to])).toEqual([
      ["Step 1 (10%)", 0, 10],
      ["Step 2 (50%)", 10, 30],
    ]);
  });

  it("keeps the deciding evaluation of each step", () => {
    expect(stepResults(detail).map((s) => [s.step, s.pass])).toEqual([
      [0, true],
      [1, false],
    ]);
  });

  it("lists config changes and the current weights", () => {
    expect(configChanges(detail).map((e) => e.auditId)).toEqual(["a1"]);
    expect(canaryWeights(detail)).toEqual([
      { subset: "v1", weight: 100 },
      { subset: "v3", weight: 0 },
    ]);
  });
});
