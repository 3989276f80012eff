/**
 * Issue 13: the console killed right after injecting a fault must never leave an orphan rule
 * or move a deadline. The console's runner runs as a child process with the production
 * wiring (getExperimentRunner(), configured by the environment) against one simulator and
 * one real Prometheus. For each of ten experiments the test waits until the cluster holds its
 * rule and SIGKILLs the runner: every other time at once (inside the write, before the
 * runner has read the API server's answer), otherwise a random 1–300 ms later; a new runner
 * starts after a random pause. Finally the last runner finishes everything, and the cluster and the
 * timelines are checked. Durations are short (5–8 s faults, 1 s recovery), the tick 400 ms.
 */
import { randomInt } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isActiveStatus, type FaultSpec } from "@/lib/contracts/experiments";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { connectionFromKubeconfig, type KubeConnection } from "@/server/adapters/kube";
import { listIstioObjects } from "@/server/adapters/kube/istio-objects";
import { createExperiment } from "./create-experiment";
import { findExperiment, loadExperimentRecord } from "./experiment-store";
import { createClusterReads } from "./index";
import { startRunnerChild, watchExperimentRules, type RunnerChild, type RuleWatch } from "./test-support/crash-harness";
import { sleep } from "./test-support/mesh-scenario";

const TICK_MS = 400;
/** The runner's default lease: three ticks. A restarted runner waits that long for the dead one's lease. */
const LEASE_MS = 3 * TICK_MS;
const ROUNDS = 10;
const SERVICES = ["ratings", "details", "reviews", "productpage"];
/** What a busy two-core machine may add to a revert on top of the downtime (a few slow ticks). */
const SLACK_MS = 3000;

function faultSpec(service: string, round: number): FaultSpec {
  return {
    kind: "fault",
    namespace: "bookinfo",
    service,
    match: [{ header: "end-user", op: "exact", value: "jason" }],
    abort: { httpStatus: 503, percent: 100 },
    durationSeconds: 5 + (round % 4),
    // A few measure a baseline first, so the kill also lands in experiments that went through one.
    baselineSeconds: round % 3 === 0 ? 5 : 0,
    recoverySeconds: 1,
    hypothesis: { service: "productpage", scope: "outbound", minSuccessRate: 1, windowSeconds: 5 },
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe("the experiment runner killed with SIGKILL right after injecting", () => {
  let dir: string;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let connection: KubeConnection;
  let dbUrl: string;
  let env: Record<string, string>;
  let watch: RuleWatch;
  let child: RunnerChild | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-runner-crash-"));
    sim = await startSimulator({
      port: 0,
      metricsPort: 0,
      dataDir: path.join(dir, "sim"),
      kubeconfigPath: path.join(dir, "kubeconfig"),
      seed: 13,
    });
    prometheus = await startPrometheus({
      dataDir: path.join(dir, "prometheus"),
      scrapeIntervalSeconds: 1,
      targets: [{ job: "crash", address: new URL(sim.mesh!.metricsUrl).host }],
    });
    connection = connectionFromKubeconfig(sim.kubeconfigPath);
    dbUrl = `file:${path.join(dir, "console.db")}`;
    await applyPendingMigrations(dbUrl);
    env = {
      DATABASE_URL: dbUrl,
      KUBECONFIG: sim.kubeconfigPath,
      TOPSAIL_PROMETHEUS_URL: prometheus.url,
      TOPSAIL_EXPERIMENT_TICK_MS: String(TICK_MS),
    };
    watch = watchExperimentRules(sim.store, "bookinfo");
  });

  afterAll(async () => {
    await child?.kill();
    watch?.stop();
    await prometheus?.stop();
    await sim?.stop();
    await disconnectDb();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("leaves no rule of an ended experiment, keeps each first deadline, completes every timeline and reports the downtime", async () => {
    const db = getDb(dbUrl);
    const reads = createClusterReads(() => connection);
    const experiments: { id: string; spec: FaultSpec }[] = [];
    const lastOnService = new Map<string, string>();
    /** When no runner could act: from the kill until the new child's start plus the dead one's lease. */
    const downtimes: { from: number; to: number }[] = [];
    const ended = async (id: string) => !isActiveStatus((await loadExperimentRecord(db, id))!.status);

    child = await startRunnerChild(env);
    for (let round = 0; round < ROUNDS; round++) {
      const service = SERVICES[round % SERVICES.length]!;
      const previous = lastOnService.get(service);
      // One active experiment per service: the runner has to finish the last one first.
      if (previous) await waitFor(`experiment ${previous} on ${service} to end`, () => ended(previous), 40_000);
      const spec = faultSpec(service, round);
      const created = await createExperiment(db, reads, spec, "crash-test");
      experiments.push({ id: created.id, spec });
      lastOnService.set(service, created.id);
      const dying = child;
      const killedAt = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no rule of experiment ${created.id} appeared:\n${dying.output()}`)),
          30_000,
        );
        watch.whenSeen(created.id, () => {
          clearTimeout(timer);
          const kill = () => resolve(dying.killNow());
          if (round % 2 === 0) kill();
          else setTimeout(kill, randomInt(1, 300));
        });
      });
      await child.kill();
      child = undefined;
      await sleep(randomInt(0, 1500));
      child = await startRunnerChild(env);
      downtimes.push({ from: killedAt, to: Date.now() + LEASE_MS });
    }
    for (const { id } of experiments) await waitFor(`experiment ${id} to end`, () => ended(id), 60_000);

    // The cluster: no rule of any of these (ended) experiments is left anywhere.
    const ids = new Set(experiments.map((e) => e.id));
    const leftovers = (await listIstioObjects(connection, "VirtualService", "bookinfo")).flatMap((vs) =>
      ((vs.spec as { http?: { name?: string }[] }).http ?? [])
        .map((r) => r.name ?? "")
        .filter((name) => /^topsail-experiment-/.test(name) && ids.has(name.split("-")[2] ?? ""))
        .map((name) => `${vs.metadata.name}: ${name}`),
    );
    expect(leftovers).toEqual([]);

    const problems: string[] = [];
    let redone = 0;
    let late = 0;
    for (const { id, spec } of experiments) {
      const found = (await findExperiment(db, id))!;
      const { record, events } = found;
      if (events.some((e) => /stopped before recording the outcome/.test(e.message))) redone += 1;
      if (/outlived its deadline/.test(record.summary ?? "")) late += 1;
      const phases = events.filter((e) => e.type === "phase").map((e) => e.phase);
      const expected = [
        ...(spec.baselineSeconds > 0 ? ["baseline"] : []),
        "inject",
        "observe",
        "revert",
        "recovery",
        "done",
      ];
      if (phases.join(" → ") !== expected.join(" → ")) problems.push(`${id}: timeline ${phases.join(" → ")}`);

      const life = watch.life(id);
      const memory = record.memory.kind === "fault" ? record.memory : undefined;
      if (!life || life.goneAt === undefined || !memory?.deadline) {
        problems.push(`${id}: rule seen ${JSON.stringify(life)}, deadline ${memory?.deadline}`);
        continue;
      }
      // The deadline is anchored to the first injection: never later than first sight + duration.
      const deadline = new Date(memory.deadline).getTime();
      if (deadline > life.firstSeen + spec.durationSeconds * 1000)
        problems.push(
          `${id}: deadline moved ${deadline - life.firstSeen - spec.durationSeconds * 1000} ms past the first injection's`,
        );
      // The fault outlived its deadline only by the downtime the test caused (plus a slow tick or two)…
      const lateMs = life.goneAt - deadline;
      const down = downtimes.reduce(
        (sum, d) => sum + Math.max(0, Math.min(d.to, life.goneAt!) - Math.max(d.from, deadline)),
        0,
      );
      if (lateMs > down + SLACK_MS)
        problems.push(`${id}: removed ${lateMs} ms after its deadline with ${down} ms of downtime`);
      // …and when that was noticeable, the summary says so.
      if (lateMs > SLACK_MS && !/outlived its deadline by \d+ s.*console was not running/.test(record.summary ?? ""))
        problems.push(`${id}: ${lateMs} ms late, summary "${record.summary}"`);
    }
    console.info(
      `${redone} of ${ROUNDS} kills landed between a write and its completion; ${late} faults were removed late and said so`,
    );
    expect(problems, child?.output()).toEqual([]);
    // The kills inside the write did land in the window the defect lived in.
    expect(redone).toBeGreaterThan(0);
  }, 180_000);
});
