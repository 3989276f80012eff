/**
 * Records the graph engine's inputs from a live simulator + mesh + Prometheus into
 * server/graph/__fixtures__/*.json, so the unit tests replay real telemetry:
 *
 *   npx tsx --conditions=react-server scripts/record-graph-fixtures.ts
 *
 * (`react-server` lets the server modules' `import "server-only"` load outside Next.js.)
 * It starts everything on 127.0.0.1 with free ports, lets Bookinfo traffic fill a window,
 * runs the engine once per scenario through a recording GraphSources (raw Prometheus JSON
 * per query, the cluster state as the kube adapter read it), then stops what it started.
 * Takes about two minutes. Afterwards regenerate the golden files:
 *   UPDATE_GOLDEN=1 npx vitest run --project unit server/graph
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator } from "../sim/index";
import { applyObjects, parseObjects } from "../sim/mesh/test-support/scenario-store";
import { RATINGS_TEST_ABORT, REVIEWS_50_V3 } from "../sim/mesh/test-support/sample-networking";
import { startPrometheus } from "./prometheus/start-prometheus";
import { connectionFromKubeconfig } from "../server/adapters/kube";
import { buildGraph } from "../server/graph/build-graph";
import { liveSourcesOn } from "../server/graph/test-support/live-sources-on";
import type { GraphSources } from "../server/graph/graph-sources";
import { fixturesDir, samplesOf, type GraphFixture } from "../server/graph/__fixtures__/fixture-format";
import type { ResponseTimeStat } from "../lib/contracts/graph";

const WINDOW_SECONDS = 30;

interface Scenario {
  name: string;
  description: string;
  namespaces: string[];
  responseTimes: ResponseTimeStat[];
  /** Config applied before the window starts. */
  yaml?: string;
}

const scenarios: Scenario[] = [
  {
    name: "bookinfo",
    description: "Bookinfo with the default config (reviews round robin over v1, v2, v3)",
    namespaces: ["bookinfo"],
    responseTimes: ["95", "avg", "50", "99"],
  },
  {
    name: "mesh",
    description: "bookinfo, httpbin (fortio) and tcp-echo together",
    namespaces: ["bookinfo", "httpbin", "tcp-echo"],
    responseTimes: ["95"],
  },
  {
    name: "bookinfo-split-fault",
    description: "reviews 50/50 v1/v3 and ratings aborted with 500 for jason (fault injection)",
    namespaces: ["bookinfo"],
    responseTimes: ["95"],
    yaml: REVIEWS_50_V3 + RATINGS_TEST_ABORT,
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recording(
  live: GraphSources,
  prometheusUrl: string,
  log: GraphFixture["prometheus"],
  states: GraphFixture["clusterState"][],
): GraphSources {
  return {
    async queryPrometheus(promql, time) {
      const response = await fetch(`${prometheusUrl}/api/v1/query`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ query: promql, time: String(time.getTime() / 1000) }).toString(),
      });
      const body: unknown = await response.json();
      if (!log.some((p) => p.query === promql)) log.push({ query: promql, response: body });
      return samplesOf(body, promql);
    },
    existingNamespaces: (namespaces) => live.existingNamespaces(namespaces),
    async readClusterState(namespaces) {
      const state = await live.readClusterState(namespaces);
      states.push(state);
      return state;
    },
  };
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "topsail-record-"));
  const sim = await startSimulator({
    port: 0,
    dataDir: path.join(work, "sim"),
    kubeconfigPath: path.join(work, "kubeconfig"),
    metricsPort: 0,
    seed: 7,
    load: { "bookinfo-ingress": { requestsPerSecond: 30 }, fortio: { requestsPerSecond: 10 } },
  });
  const mesh = sim.mesh;
  if (!mesh) throw new Error("the simulator started without its mesh");
  const prometheus = await startPrometheus({
    dataDir: path.join(work, "prom"),
    port: 0,
    scrapeIntervalSeconds: 1,
    targets: [{ job: "mesh", address: new URL(mesh.metricsUrl).host }],
  });
  try {
    const connection = connectionFromKubeconfig(sim.kubeconfigPath);
    const live = liveSourcesOn(connection, prometheus.url, 10_000);
    for (const scenario of scenarios) {
      if (scenario.yaml) applyObjects(sim.store, parseObjects(scenario.yaml));
      console.log(`${scenario.name}: letting traffic fill a ${WINDOW_SECONDS}s window…`);
      await sleep((WINDOW_SECONDS + 15) * 1000);
      const queryTime = Math.floor(Date.now() / 1000) - 2;
      const log: GraphFixture["prometheus"] = [];
      const states: GraphFixture["clusterState"][] = [];
      const sources = recording(live, prometheus.url, log, states);
      for (const responseTime of scenario.responseTimes) {
        await buildGraph(
          {
            namespaces: scenario.namespaces,
            graphType: "versionedApp",
            duration: WINDOW_SECONDS,
            idleNodes: true,
            responseTime,
            queryTime,
            // What server/graph/build-graph.test.ts reads the fixtures with (TCP bytes received).
            rateTcp: "received",
          },
          sources,
        );
      }
      const fixture: GraphFixture = {
        description: scenario.description,
        recordedAt: new Date(queryTime * 1000).toISOString(),
        queryTime,
        duration: WINDOW_SECONDS,
        namespaces: scenario.namespaces,
        clusterState: states[0] as GraphFixture["clusterState"],
        prometheus: log,
      };
      const file = path.join(fixturesDir, `${scenario.name}.json`);
      await writeFile(file, `${JSON.stringify(fixture, null, 1)}\n`);
      console.log(`${scenario.name}: ${log.length} queries → ${path.relative(process.cwd(), file)}`);
    }
  } finally {
    await prometheus.stop();
    await sim.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
