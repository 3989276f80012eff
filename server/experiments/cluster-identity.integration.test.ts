/**
 * An experiment acts on the cluster it was started on, whatever happens to the kubeconfig
 * meanwhile: two simulated clusters behind two contexts of one kubeconfig, the console's
 * live wiring (startExperimentLive, getExperimentRunner, getKubeConnection) configured by
 * the environment as in production.
 * - `kubectl config use-context` to the other cluster mid-experiment: the fault is still
 *   removed from the original cluster, and the other cluster is never touched;
 * - the experiment's own context repointed at the other cluster: the runner refuses to act
 *   there, says why on the timeline, and removes the fault once the context reaches the
 *   original cluster again.
 * Prometheus is real but scrapes nothing: the verdicts are "not enough data", which is not
 * what this test is about.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { connectionFromKubeconfig, getKubeConnection } from "@/server/adapters/kube";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import type { FaultSpec } from "@/lib/contracts/experiments";
import { findExperiment } from "./experiment-store";
import { hasExperimentRule } from "./fault-rule-edits";
import { getExperimentRunner, startExperimentLive } from "./index";

let dir: string;
let kubeconfig: string;
let prometheus: RunningPrometheus;
const sims: Record<"a" | "b", RunningSimulator> = {} as never;

const kubectl = (...args: string[]) =>
  execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8" });

/** One kubeconfig with a context per simulator, as an SRE with a prod and a staging cluster has. */
function writeMergedKubeconfig(): void {
  const merged = new KubeConfig();
  const clusters = [];
  const users = [];
  const contexts = [];
  for (const name of ["a", "b"] as const) {
    const one = new KubeConfig();
    one.loadFromFile(sims[name].kubeconfigPath);
    clusters.push({ ...one.getCurrentCluster()!, name: `cluster-${name}` });
    users.push({ ...one.getCurrentUser()!, name: `admin-${name}` });
    contexts.push({ name: `ctx-${name}`, cluster: `cluster-${name}`, user: `admin-${name}` });
  }
  merged.loadFromOptions({ clusters, users, contexts, currentContext: "ctx-a" });
  execFileSync("sh", ["-c", `cat > ${JSON.stringify(kubeconfig)}`], { input: merged.exportConfig() });
}

const faultOn = (service: string): FaultSpec => ({
  kind: "fault",
  namespace: "bookinfo",
  service,
  match: [],
  abort: { httpStatus: 503, percent: 50 },
  durationSeconds: 5,
  baselineSeconds: 0,
  recoverySeconds: 0,
  hypothesis: { service, scope: "callers", minSuccessRate: 90, windowSeconds: 5 },
});

const virtualServiceOn = async (sim: "a" | "b", name: string) => {
  return getIstioObject(connectionFromKubeconfig(sims[sim].kubeconfigPath), {
    kind: "VirtualService",
    namespace: "bookinfo",
    name,
  });
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Seen {
  status: string;
  summary: string | null;
  events: { type: string; message: string }[];
}

/** Ticks the console's runner until `done` holds (bounded: 30 s). */
async function tickUntil(id: string, done: (seen: Seen) => boolean | Promise<boolean>, what: string): Promise<Seen> {
  for (let i = 0; i < 120; i++) {
    await getExperimentRunner().tick();
    const found = await findExperiment(getDb(), id);
    const seen = {
      status: found?.record.status ?? "missing",
      summary: found?.record.summary ?? null,
      events: found?.events ?? [],
    };
    if (await done(seen)) return seen;
    await sleep(250);
  }
  throw new Error(`experiment ${id}: ${what} did not happen within 30 s`);
}

const ended = (seen: Seen) => !["pending", "running", "paused"].includes(seen.status);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "topsail-two-clusters-"));
  for (const name of ["a", "b"] as const) {
    sims[name] = await startSimulator({
      port: 0,
      dataDir: path.join(dir, name),
      kubeconfigPath: path.join(dir, name, "kubeconfig"),
    });
  }
  kubeconfig = path.join(dir, "kubeconfig");
  writeMergedKubeconfig();
  prometheus = await startPrometheus({ dataDir: path.join(dir, "prometheus"), scrapeIntervalSeconds: 2, targets: [] });
  const databaseUrl = `file:${path.join(dir, "topsail.db")}`;
  await applyPendingMigrations(databaseUrl);
  Object.assign(process.env, {
    KUBECONFIG: kubeconfig,
    DATABASE_URL: databaseUrl,
    TOPSAIL_PROMETHEUS_URL: prometheus.url,
    TOPSAIL_EXPERIMENT_TICK_MS: "500",
  });
  delete process.env.TOPSAIL_KUBE_CONTEXT;
});

afterAll(async () => {
  await getExperimentRunner().stop();
  await disconnectDb();
  await prometheus?.stop();
  await Promise.all(Object.values(sims).map((s) => s.stop()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("an experiment and the kubeconfig changing under it", () => {
  it("removes the fault from the cluster it was injected on after kubectl config use-context to another cluster", async () => {
    const created = await startExperimentLive(faultOn("reviews"));
    await tickUntil(
      created.id,
      async () => hasExperimentRule(await virtualServiceOn("a", "reviews"), created.id),
      "the injection on cluster a",
    );

    kubectl("config", "use-context", "ctx-b");
    const done = await tickUntil(created.id, ended, "the end");

    expect(done.status).toBe("completed");
    // The experiment created reviews' VirtualService on cluster a and deleted it again there.
    expect(await virtualServiceOn("a", "reviews")).toBeUndefined();
    expect(await virtualServiceOn("b", "reviews")).toBeUndefined();
    // The console itself stays on the context it started with.
    expect(getKubeConnection().context).toBe("ctx-a");
    kubectl("config", "use-context", "ctx-a");
  });

  it("refuses to act through its context once it reaches another cluster, and removes the fault when it reaches the original again", async () => {
    const created = await startExperimentLive(faultOn("ratings"));
    await tickUntil(
      created.id,
      async () => hasExperimentRule(await virtualServiceOn("a", "ratings"), created.id),
      "the injection on cluster a",
    );

    // Someone repoints the experiment's own context at cluster b (a new cluster behind an old name).
    kubectl("config", "set-context", "ctx-a", "--cluster=cluster-b", "--user=admin-b");
    const refused = await tickUntil(
      created.id,
      (seen) => seen.events.some((e) => e.type === "error" && e.message.includes("now reaches the cluster with UID")),
      "the refusal",
    );
    expect(refused.status).toBe("running");
    expect(await virtualServiceOn("b", "ratings")).toBeUndefined();
    expect(hasExperimentRule(await virtualServiceOn("a", "ratings"), created.id)).toBe(true);

    // Long enough past the deadline (two ticks) for the report to call the removal late.
    await sleep(2500);
    kubectl("config", "set-context", "ctx-a", "--cluster=cluster-a", "--user=admin-a");
    const done = await tickUntil(created.id, ended, "the end");
    expect(done.status).toBe("completed");
    expect(await virtualServiceOn("a", "ratings")).toBeUndefined();
    expect(await virtualServiceOn("b", "ratings")).toBeUndefined();
    expect(done.summary).toContain("outlived its deadline");
  });
});
