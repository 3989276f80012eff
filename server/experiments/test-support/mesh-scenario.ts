/**
 * For the integration tests: one simulated cluster with live traffic, its own temporary
 * database, and runners wired to both — plus the helpers the scenarios share. Several
 * scenarios run side by side, each scraped by one Prometheus under its own job name; the
 * runners add `job="<name>"` to their gate queries so each reads only its own mesh.
 * The integration test starts the simulator itself (server code never imports sim/) and
 * hands it in.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { connectionFromKubeconfig, type KubeConnection } from "@/server/adapters/kube";
import { getIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { createPrometheusClient, type PrometheusClient } from "@/server/adapters/prometheus";
import { createIstioWriteDeps } from "@/server/istio-config";
import type { IstioWriteDeps } from "@/server/istio-config/apply-istio-changes";
import type { ExperimentSpec } from "@/lib/contracts/experiments";
import { createClusterReads, experimentWriterFor } from "../index";
import { createExperiment } from "../create-experiment";
import { loadExperimentRecord } from "../experiment-store";
import type { ExperimentRecord } from "../machine-types";
import { createExperimentRunner, type ExperimentRunner } from "../runner";

/** What the scenario needs of a running simulator (sim/index.ts RunningSimulator). */
export interface SimulatorHandle {
  kubeconfigPath: string;
  mesh?: { metricsUrl: string };
  stop(): Promise<void>;
}

export interface MeshScenario {
  name: string;
  sim: SimulatorHandle;
  connection: KubeConnection;
  dbUrl: string;
  controlUrl: string;
  /** The audited write path on this cluster, auditing into this scenario's database. */
  writeDeps: IstioWriteDeps;
  runner(owner: string, prometheus: PrometheusClient, leaseMs?: number): ExperimentRunner;
  create(spec: ExperimentSpec): Promise<ExperimentRecord>;
  load(id: string): Promise<ExperimentRecord>;
  virtualService(name: string, namespace?: string): Promise<StoredIstioObject | undefined>;
  control(path: string, body: unknown): Promise<void>;
  stop(): Promise<void>;
}

export async function createMeshScenario(name: string, dir: string, sim: SimulatorHandle): Promise<MeshScenario> {
  const connection: KubeConnection = connectionFromKubeconfig(sim.kubeconfigPath);
  const dbUrl = `file:${path.join(dir, `${name}.db`)}`;
  await applyPendingMigrations(dbUrl);
  const db = getDb(dbUrl);
  const controlUrl = new URL("/control", sim.mesh!.metricsUrl).toString();
  const writeDeps: IstioWriteDeps = createIstioWriteDeps(connection, db);
  // The console's own writer, on this scenario's cluster: it checks the recorded cluster too.
  const writerFor = experimentWriterFor(
    () => connection,
    () => writeDeps,
  );
  return {
    name,
    sim,
    connection,
    dbUrl,
    controlUrl,
    writeDeps,
    runner: (owner, prometheus, leaseMs = 2000) =>
      createExperimentRunner({
        db,
        writerFor,
        owner,
        leaseMs,
        queryPrometheus: (promql, time) => prometheus.query(promql, time),
        extraMatchers: [{ label: "job", op: "=", value: name }],
        log: () => undefined,
      }),
    create: (spec) =>
      createExperiment(
        db,
        createClusterReads(() => connection),
        spec,
        "integration-test",
      ),
    async load(id) {
      const record = await loadExperimentRecord(db, id);
      if (!record) throw new Error(`no experiment ${id}`);
      return record;
    },
    virtualService: (vsName, namespace = "bookinfo") =>
      getIstioObject(connection, { kind: "VirtualService", namespace, name: vsName }),
    async control(subPath, body) {
      const response = await fetch(`${controlUrl}${subPath}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`control ${subPath}: HTTP ${response.status} ${await response.text()}`);
    },
    stop: () => sim.stop(),
  };
}

/**
 * One real Prometheus scraping every scenario's mesh each second
 * (job = the scenario's name), and a client for the runners.
 */
export async function scrapeScenarios(
  dir: string,
  scenarios: MeshScenario[],
): Promise<{ prometheus: RunningPrometheus; client: PrometheusClient }> {
  const prometheus = await startPrometheus({
    dataDir: path.join(dir, "prometheus"),
    scrapeIntervalSeconds: 1,
    targets: scenarios.map((s) => ({ job: s.name, address: new URL(s.sim.mesh!.metricsUrl).host })),
  });
  return {
    prometheus,
    client: createPrometheusClient({ url: prometheus.url, auth: { kind: "none" }, headers: {}, timeoutMs: 5000 }),
  };
}

/** Stops what scrapeScenarios and createMeshScenario started (whatever of it did start) and removes `dir`. */
export async function stopScenarios(
  dir: string | undefined,
  scenarios: (MeshScenario | undefined)[],
  prometheus: RunningPrometheus | undefined,
): Promise<void> {
  await prometheus?.stop();
  await Promise.all(scenarios.map((s) => s?.stop()));
  await disconnectDb();
  if (dir) await rm(dir, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Ticks a runner about once a second until `done` holds for the experiment (or the time is up). */
export async function tickUntil(
  scenario: MeshScenario,
  runner: ExperimentRunner,
  id: string,
  done: (r: ExperimentRecord) => boolean,
  timeoutMs = 120_000,
): Promise<ExperimentRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runner.tick();
    const record = await scenario.load(id);
    if (done(record)) return record;
    if (Date.now() > deadline)
      throw new Error(
        `experiment ${id} still ${record.status}/${record.phase} after ${timeoutMs} ms: ${record.summary ?? ""}`,
      );
    await sleep(1000);
  }
}
