/**
 * Proves the Dockerfile's runtime stage without a container engine (none runs here): after
 * `next build`, lays out a directory as the image's WORKDIR with the stage's COPY lines, runs
 * its CMD there with its ENV (on 127.0.0.1 and a free port instead of 0.0.0.0:3000, /tmp
 * mapped to a scratch directory), and checks that it serves a page, a static asset, a file
 * from public/, /api/health, and /api/ready (migrations applied by the server itself, with no
 * start script before it), and lays out a graph (ELK runs on the server). Last, nothing in the
 * image's directory was written but Next's cache, which deploy/base mounts as an emptyDir: the
 * read-only root filesystem holds.
 *
 *   npx next build && node --import tsx scripts/standalone/check-standalone-server.ts
 */
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { readRuntimeStage } from "./read-dockerfile";

const root = path.resolve(import.meta.dirname, "../..");
// The build stage's WORKDIR: COPY sources are relative to it.
const buildStageDir = "/src";
// deploy/base/deployment.yaml mounts an emptyDir here; everything else must stay untouched.
const writableInImage = path.join(".next", "cache");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Every file under `dir` with its size and mtime, `.next/cache` left out. */
function snapshot(dir: string, relative = ""): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const name = path.join(relative, entry.name);
    if (name === writableInImage) continue;
    if (entry.isDirectory()) for (const [file, stamp] of snapshot(dir, name)) files.set(file, stamp);
    else {
      const stat = statSync(path.join(dir, name));
      files.set(name, `${stat.size}:${stat.mtimeMs}`);
    }
  }
  return files;
}

async function waitForHealth(base: string, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit) throw new Error(`the server exited before answering (${exit})`);
    const ok = await fetch(`${base}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not answer /api/health within 60 s");
}

async function expectServed(base: string, target: string, contentType: RegExp): Promise<string> {
  const response = await fetch(`${base}${target}`);
  const type = response.headers.get("content-type") ?? "";
  const body = await response.text();
  if (response.status !== 200 || !contentType.test(type)) {
    throw new Error(`GET ${target}: ${response.status} ${type}: ${body.slice(0, 300)}`);
  }
  console.log(`ok  GET ${target} → 200 ${type}`);
  return body;
}

async function main(): Promise<void> {
  const stage = readRuntimeStage(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const scratch = mkdtempSync(path.join(tmpdir(), "topsail-standalone-"));
  const app = path.join(scratch, "app");
  const tmp = path.join(scratch, "tmp");
  mkdirSync(tmp, { recursive: true });
  for (const { source, destination } of stage.copies) {
    const from = path.join(root, path.relative(buildStageDir, source));
    cpSync(from, path.join(app, destination), { recursive: true });
  }
  const before = snapshot(app);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const [command, ...args] = stage.cmd;
  if (command !== "node") throw new Error(`CMD ${stage.cmd.join(" ")}: expected node`);
  // The image's environment only (a container inherits nothing from this shell), with /tmp
  // mapped, loopback, and no cluster or Prometheus to reach.
  const env: Record<string, string> = {
    ...stage.env,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOSTNAME: "127.0.0.1",
    PORT: String(port),
    HOME: tmp,
    TMPDIR: tmp,
    DATABASE_URL: `file:${path.join(tmp, "topsail.db")}`,
    KUBECONFIG: "",
    TOPSAIL_PROMETHEUS_URL: "http://127.0.0.1:1",
  };
  // Next's types require NODE_ENV in ProcessEnv; the Dockerfile's ENV sets it (read-dockerfile.test.ts).
  const processEnv = env as NodeJS.ProcessEnv;
  const server = spawn(process.execPath, args, { cwd: app, env: processEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  let exit: string | undefined;
  server.on("exit", (code, signal) => (exit = `code ${code}, signal ${signal}`));

  try {
    await waitForHealth(base, () => exit);
    const health = await expectServed(base, "/api/health", /^application\/json/);
    if (JSON.parse(health).status !== "ok") throw new Error(`/api/health: ${health}`);
    const page = await expectServed(base, "/", /^text\/html/);
    if (!/<title>[^<]+<\/title>/.test(page) || !page.includes("Topsail")) {
      throw new Error("GET /: not the console's page (no title, or no Topsail in it)");
    }
    const asset = /\/_next\/static\/[^"'\s]+\.(?:js|css)/.exec(page)?.[0];
    if (!asset) throw new Error("GET /: the page names no static asset");
    await expectServed(base, asset, /javascript|css/);
    await expectServed(base, "/icon.svg", /^image\/svg\+xml/);
    const ready = await expectServed(base, "/api/ready", /^application\/json/);
    if (JSON.parse(ready).status !== "ready") throw new Error(`/api/ready: ${ready}`);
    // An API request is logged and measured by its route pattern (server/observability).
    await fetch(`${base}/api/status`);
    const metrics = await expectServed(base, "/metrics", /^text\/plain/);
    if (
      !/^topsail_http_request_duration_seconds_count\{route="\/api\/status",method="GET",status="\d+"\} 1$/m.test(
        metrics,
      )
    ) {
      throw new Error(`/metrics does not count the GET /api/status request:\n${metrics.slice(0, 2000)}`);
    }
    if (!output.includes('"event":"api_request"')) throw new Error("the server logged no api_request line");
    console.log("ok  GET /api/status is counted in /metrics and logged as JSON");
    // The graph is laid out by ELK on the server (server/graph/lay-out.ts): it must be in the image.
    const layout = await fetch(`${base}/api/graph/layout`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        nodes: [{ id: "caller" }, { id: "callee" }],
        edges: [{ source: "caller", target: "callee" }],
      }),
    });
    const laidOut = await layout.text();
    if (layout.status !== 200 || !laidOut.includes('"id":"callee"'))
      throw new Error(`POST /api/graph/layout: ${layout.status} ${laidOut.slice(0, 500)}`);
    console.log("ok  POST /api/graph/layout lays a graph out (ELK is in the image)");
    // …and warmed up at start by instrumentation.ts (server/graph/warm-up-layout.ts), which
    // runs in the image's server.js as in `npm start`.
    const warmedBy = Date.now() + 60_000;
    while (!output.includes('"msg":"graph layout warmed up"')) {
      if (exit !== undefined || Date.now() > warmedBy)
        throw new Error("the server did not log that it warmed the graph layout up");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    console.log("ok  the graph layout is warmed up at start");

    const after = snapshot(app);
    const written = [...after].filter(([file, stamp]) => before.get(file) !== stamp).map(([file]) => file);
    if (written.length > 0) throw new Error(`wrote outside /tmp and ${writableInImage}: ${written.join(", ")}`);
    console.log(`ok  nothing written in the image's ${stage.workdir} but ${writableInImage}`);
  } catch (error) {
    console.error(output);
    throw error;
  } finally {
    server.kill("SIGTERM");
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`standalone server check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
