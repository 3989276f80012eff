/**
 * Experiments end to end against the simulated cluster and a real Prometheus (scraping
 * every second): each scenario has its own simulator, traffic and database, and they run
 * in parallel so the file stays short. Intervals are shorter than a user would pick
 * (10 s steps instead of 20 s); the logic is the same — each step is judged over the
 * seconds since it began.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { startSimulator } from "@/sim/index";
import { getDb } from "@/server/adapters/db/client";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import type { PrometheusClient } from "@/server/adapters/prometheus";
import { applyIstioChanges } from "@/server/istio-config/apply-istio-changes";
import { TopsailError } from "@/server/errors";
import type { GateEventData } from "@/lib/contracts/experiments";
import { findExperiment } from "./experiment-store";
import {
  createMeshScenario,
  scrapeScenarios,
  stopScenarios,
  sleep,
  tickUntil,
  type MeshScenario,
} from "./test-support/mesh-scenario";
import { readCanaryWeight } from "./canary-rule-edits";
import { hasExperimentRule } from "./fault-rule-edits";

const STEP_SECONDS = 10;
const reviewsTarget = { namespace: "bookinfo", service: "reviews", from: "v1", to: "v3" };
const finished = (r: { status: string }) => !["pending", "running", "paused"].includes(r.status);

describe("experiments against the simulator and Prometheus", () => {
  let dir: string;
  let prometheus: RunningPrometheus;
  let prom: PrometheusClient;
  const scenarios: Record<"canaryOk" | "canaryBad" | "fault" | "restart", MeshScenario> = {} as never;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-experiments-"));
    for (const name of ["canaryOk", "canaryBad", "fault", "restart"] as const) {
      const sim = await startSimulator({
        port: 0,
        metricsPort: 0,
        dataDir: path.join(dir, name, "sim"),
        kubeconfigPath: path.join(dir, name, "kubeconfig"),
        seed: name.length,
      });
      scenarios[name] = await createMeshScenario(name, dir, sim);
      // More Bookinfo traffic than the default, so a 10% step has requests to judge quickly.
      await scenarios[name].control("/load", {
        entryPoint: "bookinfo-ingress",
        requestsPerSecond: 40,
        jasonShare: name === "fault" ? 0.5 : 0.1,
      });
    }
    ({ prometheus, client: prom } = await scrapeScenarios(dir, Object.values(scenarios)));
  });

  afterAll(() => stopScenarios(dir, Object.values(scenarios), prometheus));

  const gateEvents = async (s: MeshScenario, id: string) => {
    const found = await findExperiment(getDb(s.dbUrl), id);
    return (found?.events ?? [])
      .filter((e) => e.type === "gate")
      .map((e) => ({ at: e.at, data: e.data as GateEventData }));
  };

  async function canaryReviews(): Promise<void> {
    const s = scenarios.canaryOk;
    const created = await s.create({
      kind: "canary",
      ...reviewsTarget,
      steps: [10, 50, 100],
      intervalSeconds: STEP_SECONDS,
      gates: { minSuccessRate: 99, minRequests: 5 },
      failedCheckThreshold: 1,
    });
    const done = await tickUntil(s, s.runner("ok", prom), created.id, finished);
    console.info(`canary: ${done.summary}`);
    expect(done).toMatchObject({ status: "completed", verdict: "promoted" });
    expect(readCanaryWeight(await s.virtualService("reviews"), reviewsTarget)).toBe(100);
    const decisive = (await gateEvents(s, created.id)).filter((e) => e.data.decisive);
    expect(decisive.map((e) => [e.data.step, e.data.weight, e.data.pass])).toEqual([
      [0, 10, true],
      [1, 50, true],
      [2, 100, true],
    ]);
    for (const e of decisive) {
      expect(e.data.windowSeconds).toBeGreaterThanOrEqual(STEP_SECONDS);
      expect(e.data.results[0]?.value).toBeGreaterThanOrEqual(99);
    }
    const audits = await listAuditEntries(getDb(s.dbUrl), { kind: "VirtualService", name: "reviews" });
    expect(audits.map((a) => a.source)).toEqual(["experiment", "experiment", "experiment"]);
  }

  async function canaryWithBadV3(): Promise<void> {
    const s = scenarios.canaryBad;
    await s.control("/workloads/bookinfo/reviews-v3", { errorRate: 0.3 });
    // Let v3's 500 series exist in Prometheus before the step starts: rate() cannot count the
    // first sample of a series born inside its window, and would under-count the failures.
    await sleep(5_000);
    const created = await s.create({
      kind: "canary",
      ...reviewsTarget,
      steps: [10, 50, 100],
      intervalSeconds: STEP_SECONDS,
      gates: { minSuccessRate: 99, minRequests: 5 },
      failedCheckThreshold: 1,
    });
    const done = await tickUntil(s, s.runner("bad", prom), created.id, finished);
    console.info(`bad canary: ${done.summary}`);
    expect(done).toMatchObject({ status: "failed", verdict: "rolled_back" });
    // No reviews VirtualService existed: the rollback deletes the one the canary created.
    expect(await s.virtualService("reviews")).toBeUndefined();
    const gates = await gateEvents(s, created.id);
    const firstFailing = gates.find((e) => e.data.pass === false);
    expect(firstFailing).toBeDefined();
    expect(done.finishedAt!.getTime() - firstFailing!.at.getTime()).toBeLessThanOrEqual(2 * STEP_SECONDS * 1000);
    const measured = Number(/v3 success rate % = ([\d.]+)/.exec(done.summary ?? "")?.[1]);
    // 30% errors on about 40 requests in a 10% step: the measured rate scatters around 70%.
    expect(measured).toBeGreaterThan(40);
    expect(measured).toBeLessThan(95);
    expect(done.summary).toMatch(/error rate [\d.]+%/);
  }

  async function faultOnRatingsForJason(): Promise<void> {
    const s = scenarios.fault;
    // A VirtualService that exists before the experiment: it must come back exactly.
    await applyIstioChanges(s.writeDeps, {
      changes: [
        {
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "ratings",
          desired: {
            apiVersion: "networking.istio.io/v1",
            kind: "VirtualService",
            metadata: { name: "ratings", namespace: "bookinfo" },
            spec: { hosts: ["ratings"], http: [{ route: [{ destination: { host: "ratings", subset: "v1" } }] }] },
          },
        },
      ],
      actor: "setup",
      source: "editor",
    });
    const before = await s.virtualService("ratings");
    expect(before).toBeDefined();
    const created = await s.create({
      kind: "fault",
      namespace: "bookinfo",
      service: "ratings",
      subset: "v1",
      match: [{ header: "end-user", op: "exact", value: "jason" }],
      delay: { fixedDelayMs: 7000, percent: 100 },
      durationSeconds: 25,
      baselineSeconds: 10,
      recoverySeconds: 8,
      hypothesis: { service: "productpage", scope: "outbound", minSuccessRate: 99, windowSeconds: 15 },
    });
    const done = await tickUntil(s, s.runner("fault", prom), created.id, finished);
    console.info(`fault: ${done.summary}`);
    expect(done).toMatchObject({ status: "completed", verdict: "violated" });
    expect(done.summary).toMatch(/calls made by productpage success rate % = [\d.]+ \(needs ≥ 99\)/);
    const after = await s.virtualService("ratings");
    expect(after?.spec).toEqual(before?.spec);
    const events = (await findExperiment(getDb(s.dbUrl), created.id))?.events ?? [];
    expect(events.filter((e) => e.type === "config").map((e) => [e.phase, Boolean(e.auditId)])).toEqual([
      ["inject", true],
      ["revert", true],
    ]);
  }

  async function restartDuringFaults(): Promise<void> {
    const s = scenarios.restart;
    const fault = (service: string, durationSeconds: number) =>
      s.create({
        kind: "fault",
        namespace: "bookinfo",
        service,
        match: [{ header: "end-user", op: "exact", value: "jason" }],
        delay: { fixedDelayMs: 1000, percent: 50 },
        durationSeconds,
        baselineSeconds: 0,
        recoverySeconds: 5,
        hypothesis: { service: "productpage", scope: "inbound", minSuccessRate: 50, windowSeconds: 10 },
      });
    const overdue = await fault("ratings", 8);
    const resumed = await fault("details", 30);
    // One active experiment per service.
    const refused = await fault("ratings", 8).catch((e: unknown) => e);
    expect((refused as TopsailError).code).toBe("conflict");

    const a = s.runner("console-A", prom);
    await a.tick();
    expect((await s.load(overdue.id)).phase).toBe("observe");
    expect((await s.load(resumed.id)).phase).toBe("observe");
    expect(hasExperimentRule(await s.virtualService("ratings"), overdue.id)).toBe(true);
    // Console A dies here: no revert, its leases run out on their own.

    await sleep(9_000);
    const b = s.runner("console-B", prom);
    await b.tick();
    expect((await s.load(overdue.id)).phase).toBe("recovery");
    expect(await s.virtualService("ratings")).toBeUndefined();
    const stillRunning = await s.load(resumed.id);
    expect(stillRunning.phase).toBe("observe");
    expect(hasExperimentRule(await s.virtualService("details"), resumed.id)).toBe(true);

    const end = await tickUntil(s, b, resumed.id, finished);
    expect(end.status).toBe("completed");
    expect(await s.virtualService("details")).toBeUndefined();
    expect(finished(await s.load(overdue.id))).toBe(true);
  }

  it("runs a promoted canary, a rolled-back canary, a violated fault hypothesis and a restart, side by side", async () => {
    const results = await Promise.allSettled([
      canaryReviews(),
      canaryWithBadV3(),
      faultOnRatingsForJason(),
      restartDuringFaults(),
    ]);
    const failures = results.flatMap((r, i) =>
      r.status === "rejected"
        ? [
            `${["canary promoted", "canary rolled back", "fault violated", "restart"][i]}: ${r.reason instanceof Error ? r.reason.stack : String(r.reason)}`,
          ]
        : [],
    );
    expect(failures).toEqual([]);
  }, 200_000);
});
