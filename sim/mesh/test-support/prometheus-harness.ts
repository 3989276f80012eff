/**
 * Test support for the Prometheus integration suites: several meshes (each its own store
 * and config) run side by side on the wall clock, one real Prometheus scrapes them under
 * different job names, and small PromQL readers wait only as long as Prometheus needs.
 * `startScrapedSimulator` is the whole simulator (API server and mesh) under one Prometheus,
 * for the console's suites that read the cluster and the telemetry together.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPrometheus, type RunningPrometheus } from "../../../scripts/prometheus/start-prometheus";
import { startSimulator, type RunningSimulator } from "../../index";
import { startMesh, type RunningMesh } from "../index";
import { ENTRY_POINTS, type LoadOverrides } from "../load/load-settings";
import { applyYaml, createDefaultScenarioStore } from "./scenario-store";

interface VectorResult {
  metric: Record<string, string>;
  value: [number, string];
}

/** Only the given entry points send traffic, so each scenario's metrics are its own. */
function only(load: LoadOverrides): LoadOverrides {
  return Object.fromEntries(
    ENTRY_POINTS.map((name) => [name, { requestsPerSecond: 0, connections: 0, ...(load[name] ?? {}) }]),
  );
}

export interface MeshScenario {
  yaml: string;
  load: LoadOverrides;
  seed: number;
}

export interface ScrapedMeshes {
  query(promql: string): Promise<VectorResult[]>;
  /** Values keyed by the given labels joined with "→". */
  byLabels(promql: string, ...labels: string[]): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export async function startScrapedMeshes(
  prefix: string,
  scenarios: Record<string, MeshScenario>,
): Promise<ScrapedMeshes> {
  const meshes: RunningMesh[] = [];
  const targets: { job: string; address: string }[] = [];
  for (const [job, scenario] of Object.entries(scenarios)) {
    const store = createDefaultScenarioStore();
    if (scenario.yaml) applyYaml(store, scenario.yaml);
    const mesh = await startMesh({ store, seed: scenario.seed, metricsPort: 0, load: only(scenario.load) });
    meshes.push(mesh);
    targets.push({ job, address: new URL(mesh.metricsUrl).host });
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), prefix));
  const prometheus: RunningPrometheus = await startPrometheus({ dataDir, scrapeIntervalSeconds: 1, targets });

  const query = async (promql: string): Promise<VectorResult[]> => {
    const response = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
    const body = (await response.json()) as { status: string; data: { result: VectorResult[] }; error?: string };
    if (body.status !== "success") throw new Error(`${promql}: ${body.error}`);
    return body.data.result;
  };
  return {
    query,
    async byLabels(promql, ...labels) {
      const out: Record<string, number> = {};
      for (const r of await query(promql)) out[labels.map((l) => r.metric[l] ?? "").join("→")] = Number(r.value[1]);
      return out;
    },
    async stop() {
      await prometheus.stop();
      await Promise.all(meshes.map((m) => m.stop()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ScrapedSimulator {
  sim: RunningSimulator;
  prometheus: RunningPrometheus;
  stop(): Promise<void>;
}

/**
 * The simulator (API server on a free port, its kubeconfig in a temporary folder) with only
 * the given entry points sending traffic, and a real Prometheus scraping its mesh.
 */
export async function startScrapedSimulator(options: {
  prefix: string;
  seed: number;
  load: LoadOverrides;
  scrapeIntervalSeconds: number;
}): Promise<ScrapedSimulator> {
  const work = await mkdtemp(path.join(tmpdir(), options.prefix));
  const sim = await startSimulator({
    port: 0,
    dataDir: path.join(work, "sim"),
    kubeconfigPath: path.join(work, "kubeconfig"),
    metricsPort: 0,
    seed: options.seed,
    load: only(options.load),
  });
  if (!sim.mesh) throw new Error("the simulator started without its mesh");
  const prometheus = await startPrometheus({
    dataDir: path.join(work, "prom"),
    port: 0,
    scrapeIntervalSeconds: options.scrapeIntervalSeconds,
    targets: [{ job: "mesh", address: new URL(sim.mesh.metricsUrl).host }],
  });
  return {
    sim,
    prometheus,
    async stop() {
      await prometheus.stop();
      await sim.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** Polls every `pollMs` until `ready` holds or the deadline passes. */
export async function eventually<T>(
  read: () => Promise<T>,
  ready: (value: T) => boolean,
  timeoutMs = 60_000,
  pollMs = 2_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ready(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, pollMs));
    value = await read();
  }
  return value;
}
