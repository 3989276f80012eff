/**
 * `npm run demo`: the simulated cluster, a real Prometheus scraping it every 2 s, and the
 * production console pointed at both — one command, one banner, Ctrl-C stops all three.
 * State lives under .topsail/demo/ and survives restarts; `--fresh` starts over.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { consoleReadyPattern } from "../console-ready";
import { startPrometheus, type RunningPrometheus } from "../prometheus/start-prometheus";
import { lastLines, startManagedProcess, type ManagedProcess } from "./managed-process";
import { parseDemoFlags, type DemoOptions } from "./parse-demo-flags";

const root = path.resolve(import.meta.dirname, "../..");
const demoDir = path.join(root, ".topsail", "demo");
const kubeconfig = path.join(root, ".topsail", "kubeconfig");

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

async function checkPorts(options: DemoOptions): Promise<void> {
  const wanted: [string, number][] = [
    ["api-port", options.apiPort],
    ["metrics-port", options.metricsPort],
    ["tracing-port", options.tracingPort],
    ["prometheus-port", options.prometheusPort],
    ["console-port", options.consolePort],
  ];
  for (const [flag, port] of wanted) {
    if (!(await portIsFree(port)))
      throw new Error(`port ${port} is in use: stop what listens there or pass --${flag} N`);
  }
}

function buildConsoleIfMissing(): void {
  if (existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("Building the console once (about a minute)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("the console build failed (see above)");
}

function banner(options: DemoOptions, prometheus: RunningPrometheus): string {
  const line = "─".repeat(64);
  return [
    line,
    "  Topsail demo is running",
    `  Console      http://127.0.0.1:${options.consolePort}`,
    `  Prometheus   ${prometheus.url}`,
    `  Kubernetes   https://127.0.0.1:${options.apiPort}  (kubectl --kubeconfig ${path.relative(process.cwd(), kubeconfig)})`,
    `  Sim metrics  http://127.0.0.1:${options.metricsPort}/metrics`,
    `  Traces       http://127.0.0.1:${options.tracingPort}/jaeger/api/services  (Jaeger query API)`,
    `  Traffic      npm run simctl -- ${options.metricsPort === 15090 ? "" : `--url http://127.0.0.1:${options.metricsPort} `}status`,
    `  Logs and state in ${path.relative(process.cwd(), demoDir)}/   Ctrl-C stops all three`,
    line,
  ].join("\n");
}

async function main(): Promise<void> {
  const options = parseDemoFlags(process.argv.slice(2));
  await checkPorts(options);
  if (options.fresh) {
    await rm(demoDir, { recursive: true, force: true });
    console.log("Starting over: removed the demo's cluster state, metrics and database.");
  }
  await mkdir(path.join(demoDir, "logs"), { recursive: true });
  buildConsoleIfMissing();

  const running: { stop(): Promise<void> }[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the console, Prometheus and the simulator…");
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  const watchExit = (part: ManagedProcess) =>
    part.child.once("exit", async (code) => {
      if (stopping) return;
      console.error(
        `\n${part.name} stopped unexpectedly (exit ${code}). Last lines of ${part.logFile}:\n${await lastLines(part.logFile)}`,
      );
      await stopAll(1);
    });

  try {
    const simArgs = [
      "--import",
      "tsx",
      path.join(root, "sim/cli/main.ts"),
      "--port",
      String(options.apiPort),
      "--metrics-port",
      String(options.metricsPort),
      "--tracing-port",
      String(options.tracingPort),
      "--kubeconfig",
      kubeconfig,
      "--state",
      path.join(demoDir, "sim-state.json"),
      "--data-dir",
      path.join(demoDir, "sim"),
    ];
    if (options.seed !== undefined) simArgs.push("--seed", String(options.seed));
    if (options.scale !== undefined) simArgs.push("--scale", String(options.scale));
    const sim = await startManagedProcess({
      name: "the simulator",
      command: process.execPath,
      args: simArgs,
      logFile: path.join(demoDir, "logs", "sim.log"),
      ready: /ready/,
      timeoutMs: 120_000,
    });
    running.push(sim);
    watchExit(sim);

    const prometheus = await startPrometheus({
      dataDir: path.join(demoDir, "prometheus"),
      port: options.prometheusPort,
      scrapeIntervalSeconds: 2,
      targets: [{ job: "topsail-sim", address: `127.0.0.1:${options.metricsPort}` }],
    });
    running.push(prometheus);

    const consoleProcess = await startManagedProcess({
      name: "the console",
      command: process.execPath,
      args: ["--import", "tsx", path.join(root, "scripts/start-console.ts")],
      env: {
        ...process.env,
        KUBECONFIG: kubeconfig,
        TOPSAIL_PROMETHEUS_URL: prometheus.url,
        TOPSAIL_TRACING_URL: `http://127.0.0.1:${options.tracingPort}/jaeger`,
        PORT: String(options.consolePort),
        DATABASE_URL: `file:${path.join(demoDir, "topsail.db")}`,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      logFile: path.join(demoDir, "logs", "console.log"),
      ready: consoleReadyPattern,
      timeoutMs: 120_000,
    });
    running.push(consoleProcess);
    watchExit(consoleProcess);

    console.log(banner(options, prometheus));
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll(1);
  }
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
