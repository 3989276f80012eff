import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { QueryResult } from "@/server/adapters/prometheus";
import { TopsailError } from "@/server/errors";
import { createExperiment, type ClusterReads } from "./create-experiment";
import { findExperiment, loadExperimentRecord, storeCommand } from "./experiment-store";
import { executeAction, type ExperimentWriter } from "./experiment-writer";
import { createExperimentRunner } from "./runner";
import { readCanaryWeight } from "./canary-rule-edits";

/** A cluster of one service with three subsets, as creation reads it. */
const reads: ClusterReads = {
  listServices: async () => [{ namespace: "bookinfo", name: "reviews", selector: { app: "reviews" }, ports: [] }],
  listWorkloads: async () =>
    ["v1", "v2", "v3"].map((v) => ({ namespace: "bookinfo", name: `reviews-${v}`, kind: "Deployment", labels: { app: "reviews", version: v }, app: "reviews", version: v, desiredReplicas: 1, availableReplicas: 1, runningPods: 1, podsWithoutSidecar: 0, pods: 1 })),
  listDestinationRules: async () => [{ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: { name: "reviews", namespace: "bookinfo" }, spec: { host: "reviews", subsets: ["v1", "v2", "v3"].map((v) => ({ name: v, labels: { version: v } })) } }],
  listVirtualServices: async () => [],
};

/** VirtualServices in memory; `failNext` makes the next write fail as a conflict would. */
function fakeWriter() {
  const objects = new Map<string, StoredIstioObject>();
  let failNext = 0;
  let audits = 0;
  const writer: ExperimentWriter = {
    listVirtualServices: async () => [...objects.values()],
    getVirtualService: async (_ns, name) => objects.get(name),
    async apply(changes) {
      if (failNext > 0) {
        failNext -= 1;
        throw new TopsailError("conflict", "VirtualService bookinfo/reviews was changed by someone else");
      }
      for (const c of changes) {
        if (c.desired) objects.set(c.name, c.desired);
        else objects.delete(c.name);
      }
      return { auditIds: changes.map(() => `audit-${++audits}`), actions: changes.map(() => "update") };
    },
  };
  return { writer, objects, failOnce: () => (failNext = 1) };
}

/** Every query answers: 10 requests/s, no failures, 20 ms quantiles. */
const queryPrometheus = async (promql: string): Promise<QueryResult> => ({
  kind: "vector",
  samples: [{ labels: {}, time: 0, value: promql.startsWith("histogram_quantile") ? 20 : promql.includes("response_code") ? 0 : 10 }],
});

describe("the runner", () => {
  let dir: string;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-runner-"));
    url = `file:${path.join(dir, "runner.db")}`;
    await applyPendingMigrations(url);
  });

  afterAll(async () => {
    await disconnectDb();
    await rm(dir, { recursive: true, force: true });
  });

  const spec = { kind: "canary" as const, namespace: "bookinfo", service: "reviews", from: "v1", to: "v3", steps: [10, 100], intervalSeconds: 5, gates: { minSuccessRate: 99, minRequests: 5 }, failedCheckThreshold: 1 };

  it("keeps the state where it was when a write fails, notes it once, and advances when the retry lands", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    let now = new Date("2026-11-21T10:00:00Z");
    const runner = createExperimentRunner({ db, writer: cluster.writer, queryPrometheus, now: () => now, owner: "a", log: () => undefined });
    const created = await createExperiment(db, reads, spec, "alice", now);

    cluster.failOnce();
    await runner.tick();
    expect((await loadExperimentRecord(db, created.id))?.status).toBe("pending");
    now = new Date(now.getTime() + 1000);
    await runner.tick();
    const running = await loadExperimentRecord(db, created.id);
    expect(running).toMatchObject({ status: "running", phase: "step" });
    expect(readCanaryWeight(cluster.objects.get("reviews"), spec)).toBe(10);

    now = new Date(now.getTime() + 6000);
    await runner.tick();
    now = new Date(now.getTime() + 6000);
    await runner.tick();
    const done = await findExperiment(db, created.id);
    expect(done?.record).toMatchObject({ status: "completed", verdict: "promoted" });
    expect(readCanaryWeight(cluster.objects.get("reviews"), spec)).toBe(100);
    expect(done?.events.filter((e) => e.type === "error").map((e) => e.message)).toEqual([expect.stringMatching(/Could not set the weight to 10%: .*changed by someone else; retrying/)]);
    expect(done?.events.filter((e) => e.type === "config").map((e) => e.auditId)).toEqual(["audit-1", "audit-2"]);
  });

  it("consumes a command from the API and refuses a second active experiment on the service", async () => {
    const db = getDb(url);
    const cluster = fakeWriter();
    const runner = createExperimentRunner({ db, writer: cluster.writer, queryPrometheus, owner: "a", log: () => undefined });
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
    const pin = { name: "testers", match: [{ headers: { "end-user": { exact: "jason" } } }], route: [{ destination: { host: "reviews", subset: "v3" } }] };
    const catchAll = { timeout: "3s", route: [{ destination: { host: "reviews", subset: "v1" } }] };
    const before: StoredIstioObject = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "1" }, spec: { hosts: ["reviews"], http: [pin, catchAll] } };
    cluster.objects.set("reviews", structuredClone(before));
    const created = await createExperiment(db, { ...reads, listVirtualServices: async () => [structuredClone(before)] }, { ...spec, namespace: "staging", intervalSeconds: 600 }, "erin");
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
    const a = createExperimentRunner({ db, writer: cluster.writer, queryPrometheus, owner: "a", leaseMs: 10_000, now: () => now, log: () => undefined });
    const b = createExperimentRunner({ db, writer: cluster.writer, queryPrometheus, owner: "b", leaseMs: 10_000, now: () => now, log: () => undefined });
    const created = await createExperiment(db, reads, { ...spec, service: "reviews", intervalSeconds: 600 }, "dave", now);
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
});
