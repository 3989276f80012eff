import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { stopTestDatabases, testDatabases } from "@/server/adapters/db/test-support/test-databases";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { faultSpecSchema } from "@/lib/contracts/experiments";
import type { QueryResult } from "@/server/adapters/prometheus";
import { TopsailError } from "@/server/errors";
import { createExperiment, type ClusterReads } from "./create-experiment";
import { findExperiment, loadExperimentRecord, storeCommand, type ExperimentsDb } from "./experiment-store";
import { executeAction, type ExperimentWriter } from "./experiment-writer";
import { createExperimentRunner } from "./runner";
import { readCanaryWeight } from "./canary-rule-edits";
import { hasExperimentRule } from "./fault-rule-edits";

/** A cluster of one service with three subsets, as creation reads it. */
const reads: ClusterReads = {
  cluster: async () => ({ clusterId: "uid-test", kubeContext: "test" }),
  listServices: async () => [{ namespace: "bookinfo", name: "reviews", selector: { app: "reviews" }, ports: [] }],
  listWorkloads: async () =>
    ["v1", "v2", "v3"].map((v) => ({
      namespace: "bookinfo",
      name: `reviews-${v}`,
      kind: "Deployment",
      labels: { app: "reviews", version: v },
      app: "reviews",
      version: v,
      desiredReplicas: 1,
      availableReplicas: 1,
      runningPods: 1,
      podsWithoutSidecar: 0,
      pods: 1,
    })),
  listDestinationRules: async () => [
    {
      apiVersion: "networking.istio.io/v1",
      kind: "DestinationRule",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { host: "reviews", subsets: ["v1", "v2", "v3"].map((v) => ({ name: v, labels: { version: v } })) },
    },
  ],
  listVirtualServices: async () => [],
};

/**
 * VirtualServices in memory; `failNext` makes the next write fail as a conflict would;
 * `afterWrite` runs once a write has landed (a crash test stops its runner there).
 */
function fakeWriter() {
  const objects = new Map<string, StoredIstioObject>();
  let failNext = 0;
  let audits = 0;
  let afterWrite: (() => void) | undefined;
  let readsDown = 0;
  const writer: ExperimentWriter = {
    listVirtualServices: async () => [...objects.values()],
    async getVirtualService(_ns, name) {
      if (readsDown > 0) {
        readsDown -= 1;
        throw new TopsailError("kube_unavailable", "the Kubernetes API does not answer");
      }
      return objects.get(name);
    },
    async apply(changes) {
      if (failNext > 0) {
        failNext -= 1;
        throw new TopsailError("conflict", "VirtualService bookinfo/reviews was changed by someone else");
      }
      for (const c of changes) {
        if (c.desired) objects.set(c.name, c.desired);
        else objects.delete(c.name);
      }
      afterWrite?.();
      return { auditIds: changes.map(() => `audit-${++audits}`), actions: changes.map(() => "update") };
    },
  };
  return {
    writer,
    objects,
    failOnce: () => (failNext = 1),
    readFailsOnce: () => (readsDown = 1),
    onWrite: (hook: (() => void) | undefined) => (afterWrite = hook),
  };
}

/** Every query answers: 10 requests/s, no failures, 20 ms quantiles. */
const queryPrometheus = async (promql: string): Promise<QueryResult> => ({
  kind: "vector",
  samples: [
    {
      labels: {},
      time: 0,
      value: promql.startsWith("histogram_quantile") ? 20 : promql.includes("response_code") ? 0 : 10,
    },
  ],
});

/** Like queryPrometheus, but half the requests fail while an experiment's fault rule is live. */
function prometheusSeeing(objects: Map<string, StoredIstioObject>) {
  return async (promql: string): Promise<QueryResult> => {
    const faulted = [...objects.values()].some((vs) =>
      ((vs.spec as { http?: { name?: string }[] }).http ?? []).some((r) => r.name?.startsWith("topsail-experiment-")),
    );
    const value = promql.startsWith("histogram_quantile")
      ? 20
      : promql.includes("response_code")
        ? faulted
          ? 5
          : 0
        : 10;
    return { kind: "vector", samples: [{ labels: {}, time: 0, value }] };
  };
}

/**
 * The database as a process sees it that dies when `dead()` turns true: from then on no call
 * ever answers (nor reaches the database), as if the process had been killed.
 */
function dyingDb(db: ExperimentsDb, dead: () => boolean): ExperimentsDb {
  const never = () => new Promise<never>(() => undefined);
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key) {
        const value: unknown = Reflect.get(object, key);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => (dead() ? never() : Reflect.apply(value, object, args));
      },
    });
  return {
    experiment: guard(db.experiment),
    experimentEvent: guard(db.experimentEvent),
    $transaction: guard(db.$transaction.bind(db)),
  };
}

afterAll(stopTestDatabases);

describe.each(testDatabases)("the runner on $provider", ({ create }) => {
  let url: string;

  beforeAll(async () => {
    url = await create();
    await applyPendingMigrations(url);
  });

  afterAll(disconnectDb);

  const spec = {
    kind: "canary" as const,
    namespace: "bookinfo",
    service: "reviews",
    from: "v1",
    to: "v3",
    steps: [10, 100],
    intervalSeconds: 5,
    gates: { minSuccessRate: 99, minRequests: 5 },
    failedCheckThreshold: 1,
  };

  it("keeps the intent when a write fails, notes it once, and completes it when the retry lands", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    let now = new Date("2026-11-21T10:00:00Z");
    const runner = createExperimentRunner({
      db,
      writerFor: async () => cluster.writer,
      queryPrometheus,
      now: () => now,
      owner: "a",
      log: () => undefined,
    });
    const created = await createExperiment(db, reads, spec, "alice", now);

    cluster.failOnce();
    await runner.tick();
    // The step is recorded as about to happen, and the database says the write is still pending.
    expect((await loadExperimentRecord(db, created.id))?.memory).toMatchObject({
      pendingActions: [{ type: "setWeight", weight: 10 }],
      actionFailures: 1,
    });
    expect(readCanaryWeight(cluster.objects.get("reviews"), spec)).toBeUndefined();
    now = new Date(now.getTime() + 1000);
    await runner.tick();
    const running = await loadExperimentRecord(db, created.id);
    expect(running).toMatchObject({ status: "running", phase: "step", memory: { actionFailures: 0 } });
    expect(running?.memory.pendingActions).toBeUndefined();
    expect(readCanaryWeight(cluster.objects.get("reviews"), spec)).toBe(10);

    now = new Date(now.getTime() + 6000);
    await runner.tick();
    now = new Date(now.getTime() + 6000);
    await runner.tick();
    const done = await findExperiment(db, created.id);
    expect(done?.record).toMatchObject({ status: "completed", verdict: "promoted" });
    expect(readCanaryWeight(cluster.objects.get("reviews"), spec)).toBe(100);
    expect(done?.events.filter((e) => e.type === "error").map((e) => e.message)).toEqual([
      expect.stringMatching(/Could not set the weight to 10%: .*changed by someone else; retrying/),
    ]);
    expect(done?.events.filter((e) => e.type === "config").map((e) => e.auditId)).toEqual(["audit-1", "audit-2"]);
  });

  it("consumes a command from the API and refuses a second active experiment on the service", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    const runner = createExperimentRunner({
      db,
      writerFor: async () => cluster.writer,
      queryPrometheus,
      owner: "a",
      log: () => undefined,
    });
    const created = await createExperiment(db, reads, { ...spec, intervalSeconds: 600 }, "bob");
    await expect(createExperiment(db, reads, spec, "carol")).rejects.toMatchObject({ code: "conflict" });
    await runner.tick();
    await storeCommand(db, created.id, "pause");
    await runner.tick();
    expect(await loadExperimentRecord(db, created.id)).toMatchObject({ status: "paused", command: null });
    await storeCommand(db, created.id, "abort");
    await runner.tick();
    expect(await loadExperimentRecord(db, created.id)).toMatchObject({ status: "aborted", verdict: "aborted" });
    // No VirtualService existed before the canary: the restore deletes the one it created.
    expect(cluster.objects.has("reviews")).toBe(false);
    await expect(storeCommand(db, created.id, "resume")).rejects.toMatchObject({ code: "conflict" });
  });

  it("runs each canary action twice to the same object, leaving a pin rule alone and restoring the owned rule exactly", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    const pin = {
      name: "testers",
      match: [{ headers: { "end-user": { exact: "jason" } } }],
      route: [{ destination: { host: "reviews", subset: "v3" } }],
    };
    const catchAll = { timeout: "3s", route: [{ destination: { host: "reviews", subset: "v1" } }] };
    const before: StoredIstioObject = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "1" },
      spec: { hosts: ["reviews"], http: [pin, catchAll] },
    };
    cluster.objects.set("reviews", structuredClone(before));
    const created = await createExperiment(
      db,
      { ...reads, listVirtualServices: async () => [structuredClone(before)] },
      { ...spec, namespace: "staging", intervalSeconds: 600 },
      "erin",
    );
    const record = await loadExperimentRecord(db, created.id);
    if (!record) throw new Error("not stored");
    for (const action of [{ type: "setWeight", weight: 50 }, { type: "restoreRule" }] as const) {
      await executeAction(cluster.writer, record, action);
      const once = structuredClone(cluster.objects.get("reviews"));
      await executeAction(cluster.writer, record, action);
      expect(cluster.objects.get("reviews")).toEqual(once);
      expect((once?.spec as { http: unknown[] }).http[0]).toEqual(pin);
    }
    expect(cluster.objects.get("reviews")?.spec).toEqual(before.spec);
  });

  it("leaves an experiment to the runner that holds its lease until the lease runs out", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    let now = new Date();
    const a = createExperimentRunner({
      db,
      writerFor: async () => cluster.writer,
      queryPrometheus,
      owner: "a",
      leaseMs: 10_000,
      now: () => now,
      log: () => undefined,
    });
    const b = createExperimentRunner({
      db,
      writerFor: async () => cluster.writer,
      queryPrometheus,
      owner: "b",
      leaseMs: 10_000,
      now: () => now,
      log: () => undefined,
    });
    const created = await createExperiment(
      db,
      reads,
      { ...spec, service: "reviews", intervalSeconds: 600 },
      "dave",
      now,
    );
    await a.tick();
    await storeCommand(db, created.id, "pause");
    await b.tick();
    expect((await loadExperimentRecord(db, created.id))?.status).toBe("running");
    now = new Date(now.getTime() + 11_000);
    await b.tick();
    expect((await loadExperimentRecord(db, created.id))?.status).toBe("paused");
    await storeCommand(db, created.id, "abort");
    await b.tick();
  });

  it("keeps a fault experiment active, and open to an abort, until its final removal has landed", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    let now = new Date("2026-11-21T11:00:00Z");
    const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
    const runner = createExperimentRunner({
      db,
      writerFor: async () => cluster.writer,
      queryPrometheus,
      now: () => now,
      owner: "a",
      log: () => undefined,
    });
    const fault = faultSpecSchema.parse({
      kind: "fault",
      namespace: "bookinfo",
      service: "reviews",
      abort: { httpStatus: 503, percent: 50 },
      durationSeconds: 5,
      baselineSeconds: 0,
      recoverySeconds: 0,
      hypothesis: { service: "reviews", minSuccessRate: 50 },
    });
    const created = await createExperiment(db, reads, fault, "frank", now);
    await runner.tick();
    later(5);
    await runner.tick();
    expect(cluster.objects.get("reviews")).toBeUndefined();
    cluster.readFailsOnce();
    later(1);
    await runner.tick();
    // Recovery is over, but the final removal could not check the cluster: not finished yet.
    const ending = await loadExperimentRecord(db, created.id);
    expect(ending).toMatchObject({
      status: "running",
      phase: "done",
      memory: { pendingActions: [{ type: "removeFault" }], finishAs: "completed" },
    });
    await storeCommand(db, created.id, "abort");
    later(1);
    await runner.tick();
    const done = (await findExperiment(db, created.id))!;
    expect(done.record).toMatchObject({ status: "completed", command: null });
    expect(done.record.memory.pendingActions).toBeUndefined();
    const tail = done.events.slice(-3).map((e) => `${e.type} ${e.phase}`);
    expect(tail).toEqual(["error done", "note revert", "phase done"]);
    expect(done.events.at(-3)?.message).toMatch(
      /Could not remove the fault: the Kubernetes API does not answer; retrying/,
    );
  });

  describe("killed between a fault's injection and its save", () => {
    const T = new Date("2026-11-21T12:00:00Z");
    const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);
    const faultSpec = faultSpecSchema.parse({
      kind: "fault",
      namespace: "bookinfo",
      service: "reviews",
      subset: "v1",
      match: [{ header: "end-user", value: "jason" }],
      abort: { httpStatus: 503, percent: 100 },
      durationSeconds: 30,
      baselineSeconds: 10,
      recoverySeconds: 10,
      hypothesis: { service: "reviews", minSuccessRate: 99, windowSeconds: 10 },
    });

    /**
     * Runner A starts the experiment at 0 s and is killed at
     * 10 s right after the fault is written; runner B takes over.
     */
    async function crashAfterInjection() {
      // A database of its own, so each case starts from a service without an active experiment.
      const own = await create();
      await applyPendingMigrations(own);
      const db = getDb(own);
      const cluster = fakeWriter();
      let now = T;
      let dead = false;
      const clock = () => now;
      const prometheus = prometheusSeeing(cluster.objects);
      const a = createExperimentRunner({
        db: dyingDb(db, () => dead),
        writerFor: async () => cluster.writer,
        queryPrometheus: prometheus,
        now: clock,
        owner: "a",
        tickMs: 3000,
        log: () => undefined,
      });
      const created = await createExperiment(db, reads, faultSpec, "erin", T);
      await a.tick();
      const written = new Promise<void>((resolve) => cluster.onWrite(() => ((dead = true), resolve())));
      now = at(10);
      void a.tick();
      await written;
      cluster.onWrite(undefined);
      expect(hasExperimentRule(cluster.objects.get("reviews"), created.id)).toBe(true);
      const b = createExperimentRunner({
        db,
        writerFor: async () => cluster.writer,
        queryPrometheus: prometheus,
        now: clock,
        owner: "b",
        tickMs: 3000,
        log: () => undefined,
      });
      const tickAt = async (seconds: number) => {
        now = at(seconds);
        await b.tick();
        return (await findExperiment(db, created.id))!;
      };
      return { db, cluster, id: created.id, tickAt };
    }

    const phases = (events: { type: string; phase: string }[]) =>
      events.filter((e) => e.type === "phase").map((e) => e.phase);

    it("resumes the injection on restart, keeps the first deadline, removes the fault at the end and keeps the timeline whole", async () => {
      const { cluster, id, tickAt } = await crashAfterInjection();
      // A's lease (three ticks from 10 s) has run out at 20 s.
      const resumed = await tickAt(20);
      expect(resumed.record).toMatchObject({ status: "running", phase: "observe" });
      expect(resumed.record.memory).toMatchObject({ deadline: at(40).toISOString(), injectedAt: at(10).toISOString() });
      expect(hasExperimentRule(cluster.objects.get("reviews"), id)).toBe(true);
      await tickAt(30);
      const reverted = await tickAt(40);
      expect(reverted.record.phase).toBe("recovery");
      expect(cluster.objects.get("reviews")).toBeUndefined();
      const done = await tickAt(50);
      expect(done.record).toMatchObject({ status: "completed", verdict: "violated", phase: "done" });
      expect(done.record.summary).not.toMatch(/outlived/);
      expect(phases(done.events)).toEqual(["baseline", "inject", "observe", "revert", "recovery", "done"]);
      expect(done.events.filter((e) => e.type === "config").map((e) => e.phase)).toEqual(["inject", "revert"]);
      expect(cluster.objects.get("reviews")).toBeUndefined();
    });

    it("removes a fault that outlived its deadline while the console was down, and says by how long and why", async () => {
      const { cluster, id, tickAt } = await crashAfterInjection();
      const back = await tickAt(100);
      expect(back.record.phase).toBe("recovery");
      expect(hasExperimentRule(cluster.objects.get("reviews"), id)).toBe(false);
      const done = await tickAt(110);
      const outage = `the console was not running from ${at(10).toISOString()} to ${at(100).toISOString()}`;
      expect(done.record.status).toBe("completed");
      expect(done.record.summary).toContain(`The fault outlived its deadline by 60 s: ${outage}`);
      expect(
        done.events.some((e) => e.type === "note" && e.message.includes(`outlived its deadline by 60 s: ${outage}`)),
      ).toBe(true);
      expect(phases(done.events)).toEqual(["baseline", "inject", "observe", "revert", "recovery", "done"]);
      expect(done.record.memory).toMatchObject({ deadline: at(40).toISOString() });
    });

    it("accepts an abort after the restart and removes the fault", async () => {
      const { db, cluster, id, tickAt } = await crashAfterInjection();
      await tickAt(20);
      await storeCommand(db, id, "abort");
      const reverting = await tickAt(21);
      expect(reverting.record.phase).toBe("recovery");
      expect(cluster.objects.get("reviews")).toBeUndefined();
      const done = await tickAt(31);
      // The violation measured before the abort (the fault was live from 10 s) stands as the verdict.
      expect(done.record).toMatchObject({ status: "completed", verdict: "violated", memory: { abortedByHand: true } });
      expect(phases(done.events)).toEqual(["baseline", "inject", "observe", "revert", "recovery", "done"]);
    });
  });
});
