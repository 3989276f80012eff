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
import { loadavg } from "node:os";
import { join } from "node:path";
import { sleep, startMeshWithPrometheus } from "./support/mesh-with-prometheus";

const CLIENTS = Number(process.argv[2] ?? "50");
const SECONDS = Number(process.argv[3] ?? "30");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const mesh = await startMeshWithPrometheus({ name: "overview", scrapeIntervalSeconds: 2, startSeconds: 60 });
  const { dir, kubeconfigPath, prometheus } = mesh;
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
    await mesh.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
