import { describe, expect, it } from "vitest";
import { machineMemorySchema, type ExperimentAction, type ExperimentRecord, type MachineEvent } from "./machine-types";
import { advanceExperiment, observationRequest } from "./state-machine";
import { at, canaryRecord, failing, faultRecord, healthy, observation } from "./test-support/records";

/** Runs the machine over a list of ticks, collecting every action and event. */
function drive(start: ExperimentRecord, ticks: { t: number; m?: Parameters<typeof observation>[1] }[]) {
  let record = start;
  const actions: ExperimentAction[] = [];
  const events: MachineEvent[] = [];
  for (const tick of ticks) {
    const now = at(tick.t);
    const request = observationRequest(record, now);
    const input = request && tick.m ? observation(request.windowSeconds, tick.m) : {};
    const step = advanceExperiment(record, now, input);
    record = step.next;
    actions.push(...step.actions);
    events.push(...step.events);
  }
  return { record, actions, events };
}

describe("a canary", () => {
  it("walks 10/50/100 with a healthy B, judging each step on the seconds since it began, and is promoted", () => {
    const { record, actions, events } = drive(canaryRecord(), [
      { t: 0 },
      { t: 10, m: { to: healthy } },
      { t: 20, m: { to: healthy } },
      { t: 40, m: { to: healthy } },
      { t: 60, m: { to: healthy } },
    ]);
    expect(actions).toEqual([
      { type: "setWeight", weight: 10 },
      { type: "setWeight", weight: 50 },
      { type: "setWeight", weight: 100 },
    ]);
    expect(record).toMatchObject({ status: "completed", verdict: "promoted", phase: "done", finishedAt: at(60) });
    const decisive = events.filter((e) => e.type === "gate" && e.data?.decisive);
    expect(decisive.map((e) => [e.data?.step, e.data?.weight, e.data?.windowSeconds])).toEqual([
      [0, 10, 20],
      [1, 50, 20],
      [2, 100, 20],
    ]);
  });

  it("promotes to 100% B after the last step when maxWeight is below 100", () => {
    const { record, actions } = drive(canaryRecord({ steps: undefined, stepWeight: 25, maxWeight: 50 }), [
      { t: 0 },
      { t: 20, m: { to: healthy } },
      { t: 40, m: { to: healthy } },
    ]);
    expect(actions.map((a) => (a.type === "setWeight" ? a.weight : -1))).toEqual([25, 50, 100]);
    expect(record.verdict).toBe("promoted");
  });

  it("rolls back on the first failing step by restoring its rule as recorded, and says what it measured", () => {
    const { record, actions } = drive(canaryRecord(), [
      { t: 0 },
      { t: 10, m: { to: failing(70.4) } },
      { t: 20, m: { to: failing(70.4) } },
    ]);
    expect(actions).toEqual([{ type: "setWeight", weight: 10 }, { type: "restoreRule" }]);
    expect(record).toMatchObject({ status: "failed", verdict: "rolled_back", finishedAt: at(20) });
    expect(record.summary).toMatch(/v3 success rate % = 70\.40 \(needs ≥ 99\)/);
    expect(record.summary).toMatch(/the catch-all rule restored as it was \(v1 100%\)\.$/);
  });

  it("ends with B's weight as the restored rule has it: an 80/20 rule is back at 20%", () => {
    const start = canaryRecord();
    if (start.memory.kind !== "canary") throw new Error("fixture");
    const split = {
      route: [
        { destination: { host: "reviews", subset: "v1" }, weight: 80 },
        { destination: { host: "reviews", subset: "v3" }, weight: 20 },
      ],
    };
    const { record } = drive(
      {
        ...start,
        memory: {
          ...start.memory,
          owned: { virtualService: "reviews", name: "main", created: false, original: split },
        },
      },
      [{ t: 0 }, { t: 20, m: { to: failing(50) } }],
    );
    expect(record.memory).toMatchObject({ weight: 20 });
    expect(record.summary).toMatch(/rule "main" restored as it was \(v1 80% \/ v3 20%\)/);
  });

  it("rolls an experiment stored before canaries recorded their rule back to 0% B, as it used to", () => {
    const start = canaryRecord();
    if (start.memory.kind !== "canary") throw new Error("fixture");
    const older = machineMemorySchema.parse(JSON.parse(JSON.stringify({ ...start.memory, owned: undefined })));
    const { actions } = drive({ ...start, memory: older }, [{ t: 0 }, { t: 20, m: { to: failing(50) } }]);
    expect(actions).toEqual([
      { type: "setWeight", weight: 10 },
      { type: "setWeight", weight: 0 },
    ]);
  });

  it("re-judges a failed step on fresh traffic until the failed-check threshold", () => {
    const { record, actions } = drive(canaryRecord({ failedCheckThreshold: 2 }), [
      { t: 0 },
      { t: 20, m: { to: failing(90) } },
      { t: 30, m: { to: healthy } },
      { t: 40, m: { to: failing(90) } },
    ]);
    expect(record.verdict).toBe("rolled_back");
    expect(actions.at(-1)).toEqual({ type: "restoreRule" });
  });

  it("compares B with A when asked: no worse than A by more than N points", () => {
    const spec = { gates: { maxSuccessRateDrop: 1, minRequests: 5 } };
    const first = advanceExperiment(canaryRecord(spec), at(0)).next;
    const request = observationRequest(first, at(20));
    expect(request?.subjects).toEqual(["to", "from"]);
    const { next } = advanceExperiment(first, at(20), observation(20, { to: failing(97), from: failing(99.5) }));
    expect(next.verdict).toBe("rolled_back");
    expect(next.summary).toMatch(/2\.50/);
  });

  it("waits on silence, then counts a second silent interval as a failed check", () => {
    const quiet = { rps: 0, successRate: null, p95: null, p99: null };
    const { record } = drive(canaryRecord(), [{ t: 0 }, { t: 20, m: { to: quiet } }]);
    expect(record.status).toBe("running");
    const later = drive(record, [{ t: 40, m: { to: quiet } }]).record;
    expect(later.verdict).toBe("rolled_back");
    expect(later.summary).toMatch(/not enough traffic/);
  });

  it("pauses without judging, restarts the step window on resume, and obeys abort and promote", () => {
    let record = advanceExperiment(canaryRecord(), at(0)).next;
    record = advanceExperiment({ ...record, command: "pause" }, at(5)).next;
    expect(record.status).toBe("paused");
    expect(observationRequest(record, at(100))).toBeUndefined();
    record = advanceExperiment({ ...record, command: "resume" }, at(100)).next;
    expect(record.status).toBe("running");
    expect(observationRequest(record, at(110))?.windowSeconds).toBe(10);

    const aborted = advanceExperiment({ ...record, command: "abort" }, at(111));
    expect(aborted.actions).toEqual([{ type: "restoreRule" }]);
    expect(aborted.next).toMatchObject({ status: "aborted", verdict: "aborted", command: null });

    const promoted = advanceExperiment({ ...record, command: "promote" }, at(111));
    expect(promoted.actions).toEqual([{ type: "setWeight", weight: 100 }]);
    expect(promoted.next).toMatchObject({ status: "completed", verdict: "promoted" });
  });
});

describe("a fault experiment", () => {
  it("measures a baseline, injects, sees the hypothesis violated, reverts at the deadline, then recovers", () => {
    const { record, actions, events } = drive(faultRecord(), [
      { t: 0 },
      { t: 10, m: { hypothesis: healthy } },
      { t: 20, m: { hypothesis: failing(80) } },
      { t: 30, m: { hypothesis: failing(75) } },
      { t: 40, m: { hypothesis: failing(75) } },
      { t: 50, m: { hypothesis: healthy } },
    ]);
    // The revert, then once more at the end: a fault experiment never ends with its rule possibly live.
    expect(actions).toEqual([{ type: "injectFault" }, { type: "removeFault" }, { type: "removeFault" }]);
    expect(events.filter((e) => e.type === "phase").map((e) => e.phase)).toEqual([
      "baseline",
      "inject",
      "observe",
      "revert",
      "recovery",
      "done",
    ]);
    expect(record).toMatchObject({ status: "completed", verdict: "violated", phase: "done" });
    expect(record.summary).toMatch(/calls made by productpage success rate % = 80\.00 \(needs ≥ 99\)/);
    expect(record.summary).toMatch(/before: success 100\.00%.*during: success 75\.00%.*after: success 100\.00%/);
  });

  it("holds when the service copes", () => {
    const { record } = drive(faultRecord(), [
      { t: 0 },
      { t: 10, m: { hypothesis: healthy } },
      { t: 25, m: { hypothesis: healthy } },
      { t: 40, m: { hypothesis: healthy } },
      { t: 50, m: { hypothesis: healthy } },
    ]);
    expect(record.verdict).toBe("held");
  });

  it("does not inject when the steady state does not hold before", () => {
    const { record, actions } = drive(faultRecord(), [{ t: 0 }, { t: 10, m: { hypothesis: failing(50) } }]);
    expect(actions).toEqual([{ type: "removeFault" }]);
    expect(record).toMatchObject({ status: "failed", verdict: "inconclusive" });
  });

  it("reverts an overdue fault even when nothing can be measured (a restart long after the deadline)", () => {
    const injected = drive(faultRecord(), [{ t: 0 }, { t: 10, m: { hypothesis: healthy } }]).record;
    expect(injected.phase).toBe("observe");
    const step = advanceExperiment(injected, at(3600), { observation: { error: "Prometheus is down" } });
    expect(step.actions).toEqual([{ type: "removeFault" }]);
    expect(step.next.phase).toBe("recovery");
  });

  it("keeps the fault in place when resumed before its deadline", () => {
    const injected = drive(faultRecord(), [{ t: 0 }, { t: 10, m: { hypothesis: healthy } }]).record;
    const step = advanceExperiment(injected, at(25));
    expect(step.actions).toEqual([]);
    expect(step.next.phase).toBe("observe");
  });

  it("stops early on the abort-early condition", () => {
    const record = faultRecord({ abortEarly: { minSuccessRate: 90 } });
    const { record: after, actions } = drive(record, [
      { t: 0 },
      { t: 10, m: { hypothesis: healthy } },
      { t: 17, m: { hypothesis: failing(60) } },
    ]);
    expect(actions).toEqual([{ type: "injectFault" }, { type: "removeFault" }]);
    expect(after.phase).toBe("recovery");
    expect(after.memory).toMatchObject({ abortedEarly: true });
  });

  it("reverts at once when aborted by hand while injecting, and ends aborted", () => {
    const injected = drive(faultRecord(), [{ t: 0 }, { t: 10, m: { hypothesis: healthy } }]).record;
    const step = advanceExperiment({ ...injected, command: "abort" }, at(12));
    expect(step.actions).toEqual([{ type: "removeFault" }]);
    const done = drive(step.next, [{ t: 30 }]).record;
    expect(done).toMatchObject({ status: "aborted", verdict: "aborted" });
  });

  describe("ends with the removal of its rules, whatever way it ends", () => {
    const injected = () => drive(faultRecord(), [{ t: 0 }, { t: 10, m: { hypothesis: healthy } }]).record;
    const ends = (step: ReturnType<typeof advanceExperiment>) => ({
      status: step.next.status,
      phase: step.next.phase,
      last: step.actions.at(-1),
    });

    it("aborted before it started", () => {
      expect(ends(advanceExperiment({ ...faultRecord(), command: "abort" }, at(0)))).toEqual({
        status: "aborted",
        phase: "done",
        last: { type: "removeFault" },
      });
    });

    it("aborted during its baseline", () => {
      const baseline = advanceExperiment(faultRecord(), at(0)).next;
      expect(ends(advanceExperiment({ ...baseline, command: "abort" }, at(5)))).toEqual({
        status: "aborted",
        phase: "done",
        last: { type: "removeFault" },
      });
    });

    it("aborted while the fault is in, then through recovery", () => {
      const step = advanceExperiment({ ...injected(), command: "abort" }, at(12));
      expect(step.actions).toEqual([{ type: "removeFault" }]);
      expect(ends(advanceExperiment(step.next, at(30)))).toEqual({
        status: "aborted",
        phase: "done",
        last: { type: "removeFault" },
      });
    });

    it("aborted during recovery: it ends at once", () => {
      const recovering = advanceExperiment(injected(), at(45)).next;
      expect(recovering.phase).toBe("recovery");
      const step = advanceExperiment({ ...recovering, command: "abort" }, at(47));
      expect(ends(step)).toEqual({ status: "aborted", phase: "done", last: { type: "removeFault" } });
      expect(step.next.command).toBeNull();
    });

    it("found in a phase it cannot be in: an error, after removing its rules", () => {
      const stuck: ExperimentRecord = { ...injected(), phase: "revert" };
      const step = advanceExperiment(stuck, at(20));
      expect(ends(step)).toEqual({ status: "error", phase: "done", last: { type: "removeFault" } });
      expect(step.next.summary).toMatch(/inconsistent state/);
      const noDeadline = injected();
      if (noDeadline.memory.kind === "fault") delete noDeadline.memory.deadline;
      expect(ends(advanceExperiment(noDeadline, at(20)))).toMatchObject({
        status: "error",
        last: { type: "removeFault" },
      });
    });
  });
});
