/**
 * Simulator traffic-engine figures at scale (`npx tsx bench/sim-mesh.bench.ts [services] [requests/s]`):
 * the simulator with `--scale N` (default 1000) and its mesh running on the wall clock at
 * about the target request rate in total (default 1,000 requests/s, counted as hops a
 * destination sidecar reports), then: simulator CPU over a measured interval
 * (process.cpuUsage), and /metrics scrape size (bytes, series) and time (median/p95).
 * Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { startSimulator } from "../sim/index";

const SERVICES = Number(process.argv[2] ?? "1000");
const TARGET_RPS = Number(process.argv[3] ?? "1000");
const WARMUP_MS = 5_000;
const MEASURE_MS = 20_000;
const SCRAPES = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "topsail-bench-mesh-"));
  const startedAt = performance.now();
  const sim = await startSimulator({
    port: 0,
    dataDir: dir,
    kubeconfigPath: join(dir, "kubeconfig"),
    scale: SERVICES,
    metricsPort: 0,
    seed: 1,
  });
  const mesh = sim.mesh;
  if (!mesh) throw new Error("the simulator started without its mesh");
  const engine = mesh.engine;
  // The controllers create pods in the background: wait until their number settles.
  let pods = -1;
  const services = engine.snapshot().services.size;
  for (
    let waited = 0;
    waited < 120_000 && (engine.snapshot().pods.length !== pods || pods < services);
    waited += 2_000
  ) {
    pods = engine.snapshot().pods.length;
    await sleep(2_000);
  }
  console.log(
    `simulator with --scale ${SERVICES} ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${engine.snapshot().pods.length} pods, ${engine.snapshot().services.size} services`,
  );

  // Requests per second over all hops: each hop into a sidecar is one destination report.
  const measureRate = async (ms: number) => {
    const before = engine.state().requests;
    await sleep(ms);
    return ((engine.state().requests - before) * 1000) / ms;
  };

  await sleep(WARMUP_MS);
  const base = await measureRate(5_000);
  console.log(
    `load at the defaults (synthetic ${engine.state().load.synthetic.requestsPerSecond}/s per synthetic service, Bookinfo, fortio, tcp-client): ${base.toFixed(0)} requests/s over all hops`,
  );
  if (TARGET_RPS !== 1000 || SERVICES !== 1000) {
    engine.setLoad("synthetic", { requestsPerSecond: TARGET_RPS / SERVICES });
    await sleep(3_000);
  }

  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const reportsBefore = engine.state().reports;
  const rate = await measureRate(MEASURE_MS);
  const cpu = process.cpuUsage(cpuBefore);
  const wall = performance.now() - wallBefore;
  const reports = engine.state().reports - reportsBefore;
  console.log(
    `measured ${(wall / 1000).toFixed(1)} s: ${rate.toFixed(0)} requests/s reported by destination sidecars, ${((reports * 1000) / wall).toFixed(0)} proxy reports/s`,
  );
  console.log(
    `simulator CPU: ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)}% of one core (user ${(cpu.user / 1000).toFixed(0)} ms, system ${(cpu.system / 1000).toFixed(0)} ms); includes API server, controllers and the measuring renders`,
  );

  // Rendering alone, in-process.
  const renders: number[] = [];
  let samples = 0;
  let chars = 0;
  for (let i = 0; i < SCRAPES; i++) {
    const t0 = performance.now();
    samples = 0;
    chars = 0;
    for (const chunk of engine.metricChunks()) {
      chars += chunk.length;
      for (let at = chunk.indexOf("\n"); at >= 0; at = chunk.indexOf("\n", at + 1))
        if (chunk.charCodeAt(at + 1) !== 35) samples++;
    }
    renders.push(performance.now() - t0);
  }
  // Scrapes as Prometheus makes them, by a client in another process (curl), so reading
  // the response does not compete with the simulator for its event loop.
  const scrapes: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SCRAPES; i++) {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        "curl",
        ["-s", "-o", "/dev/null", "-w", "%{size_download} %{time_total}", mesh.metricsUrl],
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    const [size, seconds] = out.trim().split(" ").map(Number);
    bytes = size ?? 0;
    scrapes.push((seconds ?? 0) * 1000);
    await sleep(1_000);
  }
  const state = engine.state();
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `median ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms (n=${sorted.length})`;
  };
  console.log(
    `exposition: ${(bytes / 1e6).toFixed(1)} MB (${(chars / 1e6).toFixed(1)} M chars), ${samples} samples from ${state.series.request} request label sets and ${state.series.tcp} TCP ones`,
  );
  console.log(`render in-process: ${stats(renders)}`);
  console.log(`scrape over HTTP (curl): ${stats(scrapes)}`);

  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
