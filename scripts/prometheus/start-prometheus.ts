/**
 * Starts Debian's `prometheus` binary as a child process with a generated configuration,
 * bound to 127.0.0.1. Used by the test suites (and later the demo) so every metric Topsail
 * reads comes from a real Prometheus, never from a fake.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

export interface ScrapeTarget {
  job: string;
  /** host:port */
  address: string;
  metricsPath?: string;
  scheme?: "http" | "https";
}

export interface StartPrometheusOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  scrapeIntervalSeconds?: number;
  targets?: ScrapeTarget[];
  binary?: string;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export const prometheusInstallHint =
  "Prometheus is not installed: run `npm run setup` (or `sudo apt-get install -y prometheus`).";

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function renderPrometheusConfig(targets: ScrapeTarget[], scrapeIntervalSeconds: number): string {
  const jobs = targets
    .map(
      (t) => `  - job_name: ${JSON.stringify(t.job)}
    metrics_path: ${JSON.stringify(t.metricsPath ?? "/metrics")}
    scheme: ${t.scheme ?? "http"}
    static_configs:
      - targets: [${JSON.stringify(t.address)}]`,
    )
    .join("\n");
  return `global:
  scrape_interval: ${scrapeIntervalSeconds}s
  evaluation_interval: ${scrapeIntervalSeconds}s
scrape_configs:
${jobs || "  []"}
`;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`prometheus at ${url} was not ready within ${timeoutMs} ms`);
}

export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const binary = options.binary ?? "/usr/bin/prometheus";
  if (!existsSync(binary)) throw new Error(prometheusInstallHint);
  const port = options.port || (await findFreePort());
  await mkdir(options.dataDir, { recursive: true });
  const configFile = path.join(options.dataDir, "prometheus.yml");
  await writeFile(configFile, renderPrometheusConfig(options.targets ?? [], options.scrapeIntervalSeconds ?? 2));
  const child = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(options.dataDir, "tsdb")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--web.enable-lifecycle",
      "--log.level=warn",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, 30_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    url,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
