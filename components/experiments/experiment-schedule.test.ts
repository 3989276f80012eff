import { describe, expect, it } from "vitest";
import type { CanarySpec, ExperimentDetail, FaultSpec } from "@/lib/contracts/experiments";
import { experimentSchedule } from "./experiment-schedule";

const t0 = Date.UTC(2026, 11, 5, 10, 0, 0);
const iso = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();
const at = (seconds: number) => t0 + seconds * 1000;

const canary: CanarySpec = {
  kind: "canary",
  namespace: "bookinfo",
  service: "reviews",
  from: "v1",
  to: "v3",
  steps: [10, 50, 100],
  intervalSeconds: 60,
  gates: { minSuccessRate: 99, minRequests: 5 },
  failedCheckThreshold: 1,
};

const fault: FaultSpec = {
  kind: "fault",
  namespace: "bookinfo",
  service: "ratings",
  match: [],
  delay: { fixedDelayMs: 7000, percent: 100 },
  durationSeconds: 60,
  baselineSeconds: 30,
  recoverySeconds: 20,
  hypothesis: { service: "ratings", scope: "callers", maxP95Ms: 1000, windowSeconds: 30 },
};

type Input = Parameters<typeof experimentSchedule>[0];
const running = (spec: ExperimentDetail["spec"], patch: Partial<Input>): Input => ({
  spec,
  status: "running",
  phase: spec.kind === "canary" ? "step" : "baseline",
  currentStep: spec.kind === "canary" ? 0 : null,
  clock: { phaseStartedAt: iso(0), deadline: null },
  ...patch,
});

describe("the canary's countdown", () => {
  it("counts to the end of the current step's interval, and the ETA adds one interval per step left", () => {
    const schedule = experimentSchedule(running(canary, { currentStep: 0 }), at(15));
    expect(schedule).toMatchObject({
      kind: "running",
      next: { label: "Step 2: 50% to v3, if step 1 passes", at: at(60) },
      end: { label: "v3 takes 100%", at: at(180) },
    });
  });

  it("counts from the step's own window: a resume or a failed check restarts it", () => {
    const schedule = experimentSchedule(
      running(canary, { currentStep: 1, clock: { phaseStartedAt: iso(100), deadline: null } }),
      at(130),
    );
    expect(schedule).toMatchObject({ next: { at: at(160) }, end: { at: at(220) } });
  });

  it("names promotion as the last step's outcome", () => {
    const schedule = experimentSchedule(running(canary, { currentStep: 2 }), at(10));
    expect(schedule).toMatchObject({
      next: { label: "v3 takes 100%, if step 3 passes", at: at(60) },
      end: { at: at(60) },
    });
  });

  it("past the interval without a verdict, waits for requests to B for at most one more interval", () => {
    const schedule = experimentSchedule(running(canary, { currentStep: 0 }), at(75));
    expect(schedule).toMatchObject({
      next: { label: expect.stringMatching(/^Step 1 is judged once v3 has 5 requests/), at: at(120) },
      end: { at: at(240) },
    });
  });

  it("takes the step list from stepWeight and maxWeight when no list was given", () => {
    const bySteps = { ...canary, steps: undefined, stepWeight: 25, maxWeight: 75 };
    const schedule = experimentSchedule(running(bySteps, { currentStep: 0 }), at(0));
    expect(schedule).toMatchObject({ next: { label: "Step 2: 50% to v3, if step 1 passes" }, end: { at: at(180) } });
  });

  it("before the runner starts it, expects every step from now", () => {
    const schedule = experimentSchedule(
      running(canary, { status: "pending", phase: "pending", clock: { phaseStartedAt: null, deadline: null } }),
      at(5),
    );
    expect(schedule).toMatchObject({ end: { at: at(185) } });
  });

  it("has no countdown while paused, and none once finished", () => {
    expect(experimentSchedule(running(canary, { status: "paused" }), at(10)).kind).toBe("paused");
    expect(experimentSchedule(running(canary, { status: "completed", phase: "done" }), at(10))).toEqual({
      kind: "finished",
    });
  });
});

describe("the fault's countdown", () => {
  it("in the baseline, counts to the injection; the ETA adds the duration and the recovery", () => {
    const schedule = experimentSchedule(running(fault, { phase: "baseline" }), at(10));
    expect(schedule).toMatchObject({
      next: { label: "The fault is injected", at: at(30) },
      end: { label: "Verdict, after recovery", at: at(110) },
    });
  });

  it("while the fault is in place, counts to its deadline (never reset by a restart)", () => {
    const schedule = experimentSchedule(
      running(fault, { phase: "observe", clock: { phaseStartedAt: iso(31), deadline: iso(95) } }),
      at(40),
    );
    expect(schedule).toMatchObject({ next: { at: at(95) }, end: { at: at(115) } });
  });

  it("in recovery, counts to the verdict", () => {
    const schedule = experimentSchedule(
      running(fault, { phase: "recovery", clock: { phaseStartedAt: iso(100), deadline: iso(95) } }),
      at(105),
    );
    expect(schedule).toMatchObject({ next: { at: at(120) }, end: { at: at(120) } });
  });
});
