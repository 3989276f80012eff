/**
 * Issue 17: two console replicas on one database and one simulated cluster, each running its
 * background work as the console does (server/background/test-support/console-background-process.ts:
 * leader election, then the experiment runner and the audit watcher while leading), against a
 * real Prometheus. A canary runs; the leader is SIGKILLed after its first step. The other
 * replica must take over within one lease period, finish the canary with a correct timeline
 * and no step applied twice, and a `kubectl` change made while nobody led must be recorded
 * exactly once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { kubectlFor, type Kubectl } from "@/sim/test-support/run-kubectl";
import { waitFor } from "@/sim/test-support/wait-for";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { connectionFromKubeconfig, type KubeConnection } from "@/server/adapters/kube";
import { createIstioWriteDeps } from "@/server/istio-config";
import { applyIstioChanges } from "@/server/istio-config/apply-istio-changes";
import { createClusterReads } from "@/server/experiments";
import { createExperiment } from "@/server/experiments/create-experiment";
import { findExperiment } from "@/server/experiments/experiment-store";
import { startConsoleChild, type RunnerChild } from "@/server/experiments/test-support/crash-harness";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { stopTestDatabases, testDatabases } from "@/server/adapters/db/test-support/test-databases";

const LEASE_SECONDS = 3;
const REPLICA = "server/background/test-support/console-background-process.ts";

const postgresql = testDatabases.find((d) => d.provider === "postgresql")!;

describe("two console replicas on one PostgreSQL database", () => {
  let dir: string;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let connection: KubeConnection;
  let kubectl: Kubectl;
  let dbUrl: string;
  const replicas: RunnerChild[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-replicas-"));
    sim = await startSimulator({
      port: 0,
      metricsPort: 0,
      dataDir: path.join(dir, "sim"),
      kubeconfigPath: path.join(dir, "kubeconfig"),
      seed: 17,
    });
    prometheus = await startPrometheus({
      dataDir: path.join(dir, "prometheus"),
      scrapeIntervalSeconds: 1,
      targets: [{ job: "replicas", address: new URL(sim.mesh!.metricsUrl).host }],
    });
    connection = connectionFromKubeconfig(sim.kubeconfigPath);
    kubectl = kubectlFor(sim.kubeconfigPath, path.join(dir, "kubectl-cache"));
    dbUrl = await postgresql.create();
    await applyPendingMigrations(dbUrl);
    await fetch(new URL("/control/load", sim.mesh!.metricsUrl), {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ entryPoint: "bookinfo-ingress", requestsPerSecond: 40 }),
    });
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill()));
    await disconnectDb();
    await stopTestDatabases();
    await prometheus?.stop();
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const startReplica = (readyWord: string) =>
    startConsoleChild(
      REPLICA,
      {
        DATABASE_URL: dbUrl,
        KUBECONFIG: sim.kubeconfigPath,
        TOPSAIL_PROMETHEUS_URL: prometheus.url,
        TOPSAIL_EXPERIMENT_TICK_MS: "500",
        TOPSAIL_LEASE_SECONDS: String(LEASE_SECONDS),
        TOPSAIL_LEASE_NAMESPACE: "default",
        TOPSAIL_BACKGROUND: "on",
      },
      readyWord,
    );

  it("hands a canary over when the leader is killed, applies no step twice and records a change once", async () => {
    const db = getDb(dbUrl);
    // The canary's VirtualService, written as the console writes.
    await applyIstioChanges(createIstioWriteDeps(connection, db), {
      actor: "test",
      source: "editor",
      changes: [
        {
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "reviews",
          baseResourceVersion: null,
          desired: {
            apiVersion: "networking.istio.io/v1",
            kind: "VirtualService",
            metadata: { name: "reviews", namespace: "bookinfo" },
            spec: {
              hosts: ["reviews"],
              http: [{ name: "main", route: [{ destination: { host: "reviews", subset: "v1" } }] }],
            },
          },
        },
      ],
    });

    const first = await startReplica("leading");
    replicas.push(first);
    const second = await startReplica("started");
    replicas.push(second);
    // An audited change (sidecar injection) while the first leads: its watcher records it, so
    // the namespace is in the log.
    expect((await kubectl.run(["label", "namespace", "default", "istio-injection=enabled"])).code).toBe(0);
    await waitFor(
      async () =>
        (await listAuditEntries(db, { kind: "Namespace", name: "default", source: "external" })).length === 1
          ? true
          : undefined,
      "the first replica to record the label",
      15_000,
    );

    const created = await createExperiment(
      db,
      createClusterReads(() => connection),
      {
        kind: "canary",
        namespace: "bookinfo",
        service: "reviews",
        from: "v1",
        to: "v3",
        steps: [20, 60, 100],
        intervalSeconds: 5,
        gates: { minSuccessRate: 90, minRequests: 5 },
        failedCheckThreshold: 3,
      },
      "test",
    );
    const stepped = async () => {
      const found = await findExperiment(db, created.id);
      return found?.events.some((e) => e.type === "phase" && e.phase === "step") ? true : undefined;
    };
    await waitFor(stepped, "the canary's first step", 30_000);

    const killedAt = first.killNow();
    // Made while nobody leads: the standby's watcher must record it, once.
    expect((await kubectl.run(["label", "namespace", "default", "istio-injection=disabled", "--overwrite"])).code).toBe(
      0,
    );
    await waitFor(
      () => (second.output().includes("leading") ? true : undefined),
      "the standby to lead",
      4 * LEASE_SECONDS * 1000,
    );
    const takeoverMs = Date.now() - killedAt;
    console.info(`takeover ${takeoverMs} ms after the kill (lease ${LEASE_SECONDS} s)`);
    expect(takeoverMs).toBeLessThanOrEqual(LEASE_SECONDS * 1000 + 2500);

    const done = await waitFor(
      async () => {
        const found = await findExperiment(db, created.id);
        return found && !["pending", "running", "paused"].includes(found.record.status) ? found : undefined;
      },
      "the canary to finish",
      90_000,
    );
    expect(done.record.status, done.record.summary ?? "").toBe("completed");
    // The timeline: each step once, in order, then done — across the handover.
    const phaseEvents = done.events.filter((e) => e.type === "phase");
    const steps = phaseEvents.filter((e) => e.phase === "step").map((e) => (e.data as { weight?: number }).weight);
    expect(steps).toEqual([20, 60, 100]);
    expect(phaseEvents[phaseEvents.length - 1]?.phase).toBe("done");

    // Each weight was written once: one applied audit entry per step, none twice.
    const writes = (
      await listAuditEntries(db, { kind: "VirtualService", name: "reviews", source: "experiment" })
    ).filter((e) => e.status === "applied");
    const versions = writes.map((e) => e.resourceVersion);
    expect(new Set(versions).size).toBe(versions.length);
    const weights = await Promise.all(
      writes.map(async (e) => JSON.stringify((e.after as { spec?: unknown } | null)?.spec ?? null)),
    );
    expect(new Set(weights).size, weights.join("\n")).toBe(weights.length);

    const labels = await listAuditEntries(db, { kind: "Namespace", name: "default", source: "external" });
    expect(labels.map((e) => e.resourceVersion)).toHaveLength(2);
    expect(new Set(labels.map((e) => e.resourceVersion)).size).toBe(2);
  }, 180_000);
});
