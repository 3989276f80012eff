/**
 * Graph API end to end at scale: a `--scale 1000` simulator with its mesh, a real
 * Prometheus scraping it, and GET /api/namespaces/graph called through the route handler
 * in process (parse → engine → kube adapter + Prometheus adapter → JSON), next to the raw
 * time Prometheus takes to answer the same PromQL (all the graph's queries, in parallel).
 *
 *   npx tsx --conditions=react-server bench/graph-api.bench.ts [services] [runs]
 *
 * Prints median/p95 for uncached requests (each for a different window end, so the query
 * cache cannot help), for refreshes within one cache bucket, the raw PromQL time and the
 * ratio API / raw. Asserts nothing.
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { sleep, startMeshWithPrometheus } from "./support/mesh-with-prometheus";

const SERVICES = Number(process.argv[2] ?? "1000");
const RUNS = Number(process.argv[3] ?? "10");
const WINDOW_SECONDS = 60;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const summary = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return `median ${percentile(s, 50).toFixed(0)} ms, p95 ${percentile(s, 95).toFixed(0)} ms (n=${s.length})`;
};

async function main(): Promise<void> {
  if (!existsSync(new URL("../sim/mesh/index.ts", import.meta.url))) {
    console.log("graph API bench needs sim/mesh (the simulator's traffic engine), which is not in this checkout yet");
    return;
  }
  const mesh = await startMeshWithPrometheus({
    name: "graph-api",
    simArgs: ["--scale", String(SERVICES), "--seed", "1"],
    scrapeIntervalSeconds: 10,
    startSeconds: 120,
  });
  const { kubeconfigPath, prometheus } = mesh;
  try {
    // The console reads its configuration from the environment, as in production.
    process.env.KUBECONFIG = kubeconfigPath;
    process.env.TOPSAIL_PROMETHEUS_URL = prometheus.url;
    process.env.TOPSAIL_PROMETHEUS_TIMEOUT_MS = "60000";
    const { GET } = await import("../app/api/namespaces/graph/route");
    const { buildNamespaceQueries, defaultQueryOptions } = await import("../server/graph/graph-queries");

    const { CoreV1Api } = await import("@kubernetes/client-node");
    const { connectionFromKubeconfig } = await import("../server/adapters/kube");
    const connection = connectionFromKubeconfig(kubeconfigPath);
    const namespaces = (await connection.kubeConfig.makeApiClient(CoreV1Api).listNamespace()).items
      .map((n) => n.metadata?.name ?? "")
      .filter((n) => n.startsWith("mesh-"))
      .sort();

    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          " ",
        )}; ${SERVICES} services in ${namespaces.length} namespaces; waiting for a ${WINDOW_SECONDS}s window of traffic…`,
    );
    // Every measured window (the last one ends RUNS × 10 s before now) must be full of traffic.
    await sleep((WINDOW_SECONDS + RUNS * 10 + 20) * 1000);

    const url = (queryTime: number) =>
      `http://127.0.0.1/api/namespaces/graph?namespaces=${namespaces.join(",")}&graphType=versionedApp&duration=${WINDOW_SECONDS}s&queryTime=${queryTime}`;
    const call = async (queryTime: number) => {
      const started = performance.now();
      const response = await GET(new Request(url(queryTime)));
      const body = (await response.json()) as {
        elements?: { nodes: unknown[]; edges: unknown[] };
        error?: { message: string };
      };
      if (!response.ok) throw new Error(`graph API answered ${response.status}: ${body.error?.message}`);
      return {
        ms: performance.now() - started,
        size: `${body.elements?.nodes.length} nodes, ${body.elements?.edges.length} edges`,
      };
    };
    const raw = async (queryTime: number) => {
      const queries = namespaces.flatMap((ns) => buildNamespaceQueries(ns, WINDOW_SECONDS, defaultQueryOptions));
      const started = performance.now();
      await Promise.all(
        queries.map(async (q) => {
          const r = await fetch(`${prometheus.url}/api/v1/query`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ query: q.promql, time: String(queryTime) }).toString(),
          });
          await r.text();
        }),
      );
      return { ms: performance.now() - started, queries: queries.length };
    };

    const instant = async (promql: string) => {
      const r = await fetch(`${prometheus.url}/api/v1/query?query=${encodeURIComponent(promql)}`);
      const body = (await r.json()) as { data?: { result?: { value: [number, string] }[] } };
      return body.data?.result?.[0]?.value[1] ?? "none";
    };
    console.log(
      `scrape: up ${await instant('up{job="mesh"}')}, ${await instant('scrape_duration_seconds{job="mesh"}')} s, ${await instant('scrape_samples_scraped{job="mesh"}')} samples; istio_requests_total series ${await instant("count(istio_requests_total)")}, total rate ${await instant(`sum(rate(istio_requests_total{reporter="destination"}[${WINDOW_SECONDS}s]))`)} requests/s`,
    );
    const now = Math.floor(Date.now() / 1000) - 5;
    await call(now); // warm up modules and connections
    const api: number[] = [];
    const rawTimes: number[] = [];
    const cached: number[] = [];
    let size = "";
    const sizes: string[] = [];
    let queryCount = 0;
    for (let i = 1; i <= RUNS; i++) {
      // Distinct window ends (10 s apart, all within the data) defeat the query cache.
      const t = now - i * 10;
      const r = await raw(t);
      rawTimes.push(r.ms);
      queryCount = r.queries;
      const a = await call(t);
      api.push(a.ms);
      if (i === 1) size = a.size;
      sizes.push(a.size.split(",")[0] ?? "");
      cached.push((await call(t)).ms);
    }
    // Where an uncached request's time goes: the cluster reads alone, and the engine alone
    // on answers already in memory.
    const { liveSourcesOn } = await import("../server/graph/test-support/live-sources-on");
    const { buildGraph } = await import("../server/graph/build-graph");
    const live = liveSourcesOn(connection, prometheus.url, 60_000);
    const kubeTimes: number[] = [];
    const buildTimes: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      let started = performance.now();
      const state = await live.readClusterState(namespaces);
      kubeTimes.push(performance.now() - started);
      const answers = new Map<string, Awaited<ReturnType<typeof live.queryPrometheus>>>();
      const request = {
        namespaces,
        graphType: "versionedApp" as const,
        duration: WINDOW_SECONDS,
        idleNodes: false,
        responseTime: "95" as const,
        queryTime: now - i * 10,
      };
      await buildGraph(request, {
        existingNamespaces: async () => state.namespaces,
        readClusterState: async () => state,
        queryPrometheus: async (q, t) => (answers.set(q, await live.queryPrometheus(q, t)), answers.get(q) ?? []),
      });
      started = performance.now();
      await buildGraph(request, {
        existingNamespaces: async () => state.namespaces,
        readClusterState: async () => state,
        queryPrometheus: async (q) => answers.get(q) ?? [],
      });
      buildTimes.push(performance.now() - started);
    }
    const median = (v: number[]) =>
      percentile(
        [...v].sort((a, b) => a - b),
        50,
      );
    console.log(`graph: ${size}; ${queryCount} PromQL queries per request (per run: ${sizes.join("; ")})`);
    console.log(`  API uncached     ${summary(api)}`);
    console.log(`  raw PromQL       ${summary(rawTimes)}`);
    console.log(`  API cached       ${summary(cached)} (refresh within one ${5}s bucket)`);
    console.log(`  ratio API / raw PromQL (medians): ${(median(api) / median(rawTimes)).toFixed(2)}`);
    console.log(`  of which: cluster reads ${summary(kubeTimes)}; engine on answers in memory ${summary(buildTimes)}`);
  } finally {
    await mesh.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
