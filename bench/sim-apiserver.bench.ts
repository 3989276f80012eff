/**
 * Simulator API server figures at scale (`npx tsx bench/sim-apiserver.bench.ts [services]`):
 * list latency of all pods across namespaces over HTTPS, and watch fan-out — 20 watchers
 * of one resource, 100 writes, the delay from each write to each watcher's receipt.
 * Prints medians and p95s; asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request, type RequestOptions } from "node:https";
import { startSimulator } from "../sim/index";

const SERVICES = Number(process.argv[2] ?? "1000");
const LIST_RUNS = 30;
const WATCHERS = 20;
const WRITES = 100;
const NS = "bench-watch";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms (n=${sorted.length})`;
}

function get(url: string, ca: string): Promise<{ body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca, agent: false, headers: { accept: "application/json" } } satisfies RequestOptions,
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function openWatch(url: string, ca: string, onLine: (line: string) => void): () => void {
  const req = request(url, { ca, agent: false }, (res) => {
    let buffered = "";
    res.on("data", (c: Buffer) => {
      buffered += c.toString("utf8");
      let nl = buffered.indexOf("\n");
      while (nl >= 0) {
        onLine(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        nl = buffered.indexOf("\n");
      }
    });
  });
  req.on("error", () => {});
  req.end();
  return () => req.destroy();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "topsail-sim-bench-"));
  const bootStarted = performance.now();
  const sim = await startSimulator({
    port: 0,
    dataDir: join(dir, "data"),
    kubeconfigPath: join(dir, "kubeconfig"),
    scale: SERVICES,
    seed: 1,
  });
  console.log(`simulator with --scale ${SERVICES} up in ${((performance.now() - bootStarted) / 1000).toFixed(1)} s`);
  try {
    // Controllers create pods asynchronously; measure once the pod count has settled.
    let pods = 0;
    for (let previous = -1; pods !== previous;) {
      previous = pods;
      await new Promise((r) => setTimeout(r, 1000));
      pods = sim.store.list({ group: "", resource: "pods" }).items.length;
    }
    const listTimes: number[] = [];
    let bytes = 0;
    for (let i = 0; i < LIST_RUNS; i++) {
      const r = await get(`${sim.url}/api/v1/pods`, sim.caPem).catch((err: unknown) => {
        throw new Error(`list ${i} after ${listTimes.length} runs failed: ${String(err)}`);
      });
      listTimes.push(r.ms);
      bytes = r.body.length;
    }
    console.log(`list all pods (${pods} pods, ${(bytes / 1024 / 1024).toFixed(1)} MiB): ${summary(listTimes)}`);

    sim.store.create(
      { group: "", resource: "namespaces" },
      { apiVersion: "v1", kind: "Namespace", metadata: { name: NS } },
    );
    const ref = { group: "", resource: "configmaps" };
    const sentAt = new Map<string, number>();
    const delays: number[] = [];
    const closers: (() => void)[] = [];
    const rv = sim.store.list(ref, NS).resourceVersion;
    for (let w = 0; w < WATCHERS; w++) {
      closers.push(
        openWatch(
          `${sim.url}/api/v1/namespaces/${NS}/configmaps?watch=true&resourceVersion=${rv}`,
          sim.caPem,
          (line) => {
            const event = JSON.parse(line) as { object?: { metadata?: { name?: string } } };
            const sent = sentAt.get(event.object?.metadata?.name ?? "");
            if (sent !== undefined) delays.push(performance.now() - sent);
          },
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < WRITES; i++) {
      const name = `cm-${i}`;
      sentAt.set(name, performance.now());
      sim.store.create(ref, {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name, namespace: NS },
        data: { i: String(i) },
      });
      await new Promise((r) => setTimeout(r, 5));
    }
    const deadline = Date.now() + 10_000;
    while (delays.length < WATCHERS * WRITES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    console.log(`watch fan-out, ${WATCHERS} watchers × ${WRITES} writes, write → receipt: ${summary(delays)}`);
    for (const close of closers) close();
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
