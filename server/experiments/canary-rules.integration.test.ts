/**
 * Canaries against the simulated cluster and a real Prometheus (scraping every second), two
 * scenarios side by side, one runner each:
 * - a reviews v1 → v3 canary on a VirtualService that also pins jason to v3: the pin must
 *   stay exactly as it was after every step and after abort, and the canary's own rule must
 *   come back exactly as it was recorded;
 * - a gRPC canary (sim/scenarios/grpc-echo) whose B answers every call with HTTP 200 and
 *   grpc-status 14: its gates must see B's success rate fall and roll it back.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { DEFAULT_SCENARIO_DIR, GRPC_ECHO_SCENARIO_DIR, startSimulator } from "@/sim/index";
import { getDb } from "@/server/adapters/db/client";
import type { PrometheusClient } from "@/server/adapters/prometheus";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { applyIstioChanges } from "@/server/istio-config/apply-istio-changes";
import type { GateEventData } from "@/lib/contracts/experiments";
import { readCanaryWeight } from "./canary-rule-edits";
import { findExperiment, storeCommand } from "./experiment-store";
import {
  createMeshScenario,
  scrapeScenarios,
  stopScenarios,
  sleep,
  tickUntil,
  type MeshScenario,
} from "./test-support/mesh-scenario";

const STEP_SECONDS = 10;
const finished = (r: { status: string }) => !["pending", "running", "paused"].includes(r.status);
const httpOf = (vs: StoredIstioObject | undefined) => (vs?.spec as { http?: unknown[] } | undefined)?.http ?? [];

const pinned: StoredIstioObject = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo" },
  spec: {
    hosts: ["reviews"],
    http: [
      {
        name: "testers",
        match: [{ headers: { "end-user": { exact: "jason" } } }],
        route: [{ destination: { host: "reviews", subset: "v3" } }],
      },
      { name: "main", timeout: "10s", route: [{ destination: { host: "reviews", subset: "v1" } }] },
    ],
  },
};

describe("canaries that own one rule, against the simulator and Prometheus", () => {
  let dir: string;
  let prometheus: RunningPrometheus;
  let prom: PrometheusClient;
  const scenarios: Record<"pin" | "grpc", MeshScenario> = {} as never;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-canary-rules-"));
    const start = (name: string, scenarioDirs?: string[]) =>
      startSimulator({
        port: 0,
        metricsPort: 0,
        dataDir: path.join(dir, name, "sim"),
        kubeconfigPath: path.join(dir, name, "kubeconfig"),
        seed: 7,
        ...(scenarioDirs ? { scenarioDirs } : {}),
      });
    scenarios.pin = await createMeshScenario("pin", dir, await start("pin"));
    scenarios.grpc = await createMeshScenario(
      "grpc",
      dir,
      await start("grpc", [DEFAULT_SCENARIO_DIR, GRPC_ECHO_SCENARIO_DIR]),
    );
    await scenarios.pin.control("/load", { entryPoint: "bookinfo-ingress", requestsPerSecond: 40, jasonShare: 0.2 });
    await scenarios.grpc.control("/load", { entryPoint: "bookinfo-ingress", requestsPerSecond: 0 });
    await scenarios.grpc.control("/load", { entryPoint: "grpc-client", requestsPerSecond: 40 });
    ({ prometheus, client: prom } = await scrapeScenarios(dir, Object.values(scenarios)));
  });

  afterAll(() => stopScenarios(dir, Object.values(scenarios), prometheus));

  async function pinSurvivesStepsAndAbort(): Promise<void> {
    const s = scenarios.pin;
    await applyIstioChanges(s.writeDeps, {
      changes: [{ kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: structuredClone(pinned) }],
      actor: "setup",
      source: "editor",
    });
    const before = await s.virtualService("reviews");
    const target = { namespace: "bookinfo", service: "reviews", from: "v1", to: "v3" };
    const created = await s.create({
      kind: "canary",
      ...target,
      steps: [10, 50, 100],
      intervalSeconds: STEP_SECONDS,
      gates: { minSuccessRate: 99, minRequests: 5 },
      failedCheckThreshold: 1,
    });
    const runner = s.runner("pin", prom);
    const weights: number[] = [];
    let abortSent = false;
    const deadline = Date.now() + 60_000;
    for (;;) {
      await runner.tick();
      const record = await s.load(created.id);
      const live = await s.virtualService("reviews");
      // The pin is untouched after every write the canary made.
      expect(httpOf(live)[0]).toEqual(httpOf(before)[0]);
      const weight = readCanaryWeight(live, target);
      if (weight !== undefined && weights.at(-1) !== weight) weights.push(weight);
      if (!abortSent && record.memory.kind === "canary" && record.memory.stepIndex === 1) {
        await storeCommand(getDb(s.dbUrl), created.id, "abort");
        abortSent = true;
      }
      if (finished(record)) {
        expect(record).toMatchObject({ status: "aborted", verdict: "aborted" });
        break;
      }
      if (Date.now() > deadline) throw new Error(`canary still ${record.status}/${record.phase}`);
      await sleep(1000);
    }
    expect(readCanaryWeight(before, target)).toBe(0);
    expect(weights).toEqual([10, 50, 0]);
    const after = await s.virtualService("reviews");
    expect(httpOf(after)[0]).toEqual(httpOf(before)[0]);
    expect(httpOf(after)[1]).toEqual(httpOf(before)[1]);
    expect(after?.spec).toEqual(before?.spec);
  }

  async function grpcCanaryRolledBack(): Promise<void> {
    const s = scenarios.grpc;
    await s.control("/workloads/echo-grpc/echo-v2", { errorRate: 1, grpcStatus: 14 });
    // Let v2's status-14 series exist in Prometheus before the step:
    // rate() cannot count the first sample of a series born in its window.
    await sleep(5_000);
    const created = await s.create({
      kind: "canary",
      namespace: "echo-grpc",
      service: "echo",
      from: "v1",
      to: "v2",
      steps: [10, 50, 100],
      intervalSeconds: STEP_SECONDS,
      gates: { minSuccessRate: 99, minRequests: 5 },
      failedCheckThreshold: 1,
    });
    const done = await tickUntil(s, s.runner("grpc", prom), created.id, finished, 60_000);
    console.info(`gRPC canary: ${done.summary}`);
    expect(done).toMatchObject({ status: "failed", verdict: "rolled_back" });
    const gates = ((await findExperiment(getDb(s.dbUrl), created.id))?.events ?? [])
      .filter((e) => e.type === "gate")
      .map((e) => e.data as GateEventData);
    const deciding = gates.find((g) => g.decisive && g.pass === false);
    expect(deciding?.results[0]).toMatchObject({ gate: "successRate", threshold: 99, pass: false });
    expect(deciding?.results[0]?.value).toBeLessThan(50);
    expect(done.summary).toMatch(/v2 success rate % = [\d.]+ \(needs ≥ 99\)/);
    // No VirtualService existed: the rollback deletes the one the canary created.
    expect(await s.virtualService("echo", "echo-grpc")).toBeUndefined();
  }

  it("keeps a pin rule through every step and abort, and rolls back a gRPC canary answering status 14", async () => {
    const results = await Promise.allSettled([pinSurvivesStepsAndAbort(), grpcCanaryRolledBack()]);
    const failures = results.flatMap((r, i) =>
      r.status === "rejected"
        ? [`${["pin", "gRPC"][i]}: ${r.reason instanceof Error ? r.reason.stack : String(r.reason)}`]
        : [],
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
