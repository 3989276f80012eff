/**
 * For the benches that measure the console against a live mesh: the simulator as its own
 * program (its traffic engine must not share the console's event loop, or the figures would
 * measure the simulator) and a real Prometheus scraping it, both in a temporary directory
 * that `stop()` removes.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findFreePort, startPrometheus, type RunningPrometheus } from "../../scripts/prometheus/start-prometheus";

export interface MeshWithPrometheus {
  dir: string;
  kubeconfigPath: string;
  prometheus: RunningPrometheus;
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMeshWithPrometheus(options: {
  /** Names the temporary directory. */
  name: string;
  /** More `sim/cli/main.ts` arguments (e.g. `--scale 1000`). */
  simArgs?: string[];
  scrapeIntervalSeconds: number;
  /** How long the simulator may take to write its kubeconfig and serve metrics. */
  startSeconds: number;
}): Promise<MeshWithPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), `topsail-bench-${options.name}-`));
  const [apiPort, metricsPort] = [await findFreePort(), await findFreePort()];
  const kubeconfigPath = join(dir, "kubeconfig");
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
      // Any free port: a demo's simulator may hold Jaeger's 16686.
      "--tracing-port",
      "0",
      ...(options.simArgs ?? []),
      "--data-dir",
      join(dir, "sim"),
      "--kubeconfig",
      kubeconfigPath,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const serving = () =>
    fetch(metricsUrl)
      .then((r) => r.ok)
      .catch(() => false);
  for (let i = 0; i < options.startSeconds && !(existsSync(kubeconfigPath) && (await serving())); i++)
    await sleep(1000);
  const prometheus = await startPrometheus({
    dataDir: join(dir, "prom"),
    port: 0,
    scrapeIntervalSeconds: options.scrapeIntervalSeconds,
    targets: [{ job: "mesh", address: `127.0.0.1:${metricsPort}` }],
  });
  return {
    dir,
    kubeconfigPath,
    prometheus,
    async stop() {
      await prometheus.stop();
      simProcess.kill("SIGTERM");
      await new Promise((r) => simProcess.once("exit", r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
