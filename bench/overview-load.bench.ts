/**
 * The Overview under a team's load: 50 clients asking GET /api/overview back to back for
 * 30 s, through the route handler in process, against the simulator (default scenario, its
 * own process) and a real Prometheus scraping it.
 *
 *   npx tsx --conditions=react-server bench/overview-load.bench.ts [clients] [seconds]
 *
 * Prints answers per second, median / p95 / max latency and the number of errors.
 * Target (issue 14): p95 ≤ 500 ms on this machine with no errors. Asserts nothing.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort, startPrometheus } from "../scripts/prometheus/start-prometheus";

const CLIENTS = Number(process.argv[2] ?? "50");
const SECONDS = Number(process.argv[3] ?? "30");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "topsail-bench-overview-"));
  const [apiPort, metricsPort] = [await findFreePort(), await findFreePort()];
  const kubeconfigPath = join(dir, "kubeconfig");
  // The simulator runs as its own program (as in production): its traffic engine must not
  // share the console's event loop, or the figures would measure the simulator.
  const simProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "sim/cli/main.ts",
      "--port",
      String(apiPort),
      "--metrics-port",
      String(metricsPort),
      "--data-dir",
      join(dir, "sim"),
      "--kubeconfig",
      kubeconfigPath,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  for (
    let i = 0;
    i < 60 &&
    !(
      existsSync(kubeconfigPath) &&
      (await fetch(metricsUrl)
        .then((r) => r.ok)
        .catch(() => false))
    );
    i++
  )
    await sleep(1000);
  const prometheus = await startPrometheus({
    dataDir: join(dir, "prom"),
    port: 0,
    scrapeIntervalSeconds: 2,
    targets: [{ job: "mesh", address: `127.0.0.1:${metricsPort}` }],
  });
  try {
    process.env.KUBECONFIG = kubeconfigPath;
    process.env.TOPSAIL_PROMETHEUS_URL = prometheus.url;
    process.env.DATABASE_URL = `file:${join(dir, "topsail.db")}`;
    const { GET } = await import("../app/api/overview/route");
    // Health and sparklines need a few scrapes of traffic.
    await sleep(12_000);
    const call = async () => {
      const started = performance.now();
      const response = await GET(new Request("http://127.0.0.1/api/overview"));
      const body = (await response.json()) as {
        namespaces?: unknown[];
        metricsError?: string;
        error?: { message: string };
      };
      return {
        ms: performance.now() - started,
        ok: response.ok && body.metricsError === undefined,
        error: body.error?.message ?? body.metricsError,
      };
    };
    const first = await call();
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}; first answer ${first.ms.toFixed(0)} ms${first.error ? ` (${first.error})` : ""}`,
    );

    const times: number[] = [];
    const errors = new Map<string, number>();
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < until) {
          const r = await call();
          times.push(r.ms);
          if (!r.ok) errors.set(r.error ?? "unknown", (errors.get(r.error ?? "unknown") ?? 0) + 1);
        }
      }),
    );
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`overview: ${CLIENTS} clients for ${SECONDS} s: ${(times.length / SECONDS).toFixed(0)} answers/s`);
    console.log(
      `  latency median ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms (target ≤ 500 ms), max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
    );
    console.log(`  errors: ${errors.size === 0 ? "none" : [...errors].map(([m, n]) => `${n} × ${m}`).join("; ")}`);
  } finally {
    await prometheus.stop();
    simProcess.kill("SIGTERM");
    await new Promise((r) => simProcess.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
