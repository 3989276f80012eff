/**
 * Graph build time in process, from synthetic Prometheus answers: 1,000 workloads (500 apps
 * × 2 versions in 10 namespaces) and 5,000 workload edges, each reported by both proxies
 * with a few response codes (≈ 30,000 samples), so de-duplication, rates, health and badges
 * all run at full size. Target: ≤ 100 ms median.
 *
 *   npx tsx --conditions=react-server bench/graph-build.bench.ts [workloads] [edges]
 *
 * Prints median and p95 per graph type; asserts nothing.
 */
import type { GraphType } from "../lib/contracts/graph";
import { buildGraph } from "../server/graph/build-graph";
import { envelope, queryData, reshapeQueryData } from "../server/adapters/prometheus/prometheus-response";
import type { PromSample } from "../server/adapters/prometheus";
import type { ClusterState, GraphSources } from "../server/graph/graph-sources";

const WORKLOADS = Number(process.argv[2] ?? "1000");
const EDGES = Number(process.argv[3] ?? "5000");
const NAMESPACES = 10;
const RUNS = Number(process.env.BENCH_RUNS ?? "25");

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

interface W {
  ns: string;
  name: string;
  app: string;
  version: string;
}

const random = rng(42);
const workloads: W[] = Array.from({ length: WORKLOADS }, (_, i) => {
  const app = `svc-${Math.floor(i / 2)}`;
  return {
    ns: `ns-${Math.floor(i / 2) % NAMESPACES}`,
    name: `${app}-v${(i % 2) + 1}`,
    app,
    version: `v${(i % 2) + 1}`,
  };
});
const namespaces = [...new Set(workloads.map((w) => w.ns))].sort();

const peerLabels = (side: "source" | "destination", w: W) => ({
  [`${side}_cluster`]: "Kubernetes",
  [`${side}_workload_namespace`]: w.ns,
  [`${side}_workload`]: w.name,
  [`${side}_canonical_service`]: w.app,
  [`${side}_canonical_revision`]: w.version,
});

const inbound = new Map<string, PromSample[]>();
const outbound = new Map<string, PromSample[]>();
const times = new Map<string, PromSample[]>();
const push = (m: Map<string, PromSample[]>, ns: string, s: PromSample) => (m.get(ns) ?? m.set(ns, []).get(ns)!).push(s);

for (let e = 0; e < EDGES; e++) {
  const src = workloads[Math.floor(random() * WORKLOADS)] as W;
  let dst = workloads[Math.floor(random() * WORKLOADS)] as W;
  if (dst === src) dst = workloads[(workloads.indexOf(src) + 2) % WORKLOADS] as W;
  const edgeLabels = {
    ...peerLabels("source", src),
    ...peerLabels("destination", dst),
    destination_service: `${dst.app}.${dst.ns}.svc.cluster.local`,
    destination_service_name: dst.app,
    destination_service_namespace: dst.ns,
    request_protocol: "http",
  };
  for (const [code, flags, share] of [
    ["200", "-", 0.97],
    ["503", "UF", 0.02],
    ["404", "-", 0.01],
  ] as const) {
    const rate = random() * 10 * share;
    const outcome = { response_code: code, grpc_response_status: "", response_flags: flags };
    push(inbound, dst.ns, {
      labels: { ...edgeLabels, ...outcome, connection_security_policy: "mutual_tls" },
      value: rate,
    });
    push(outbound, src.ns, { labels: { ...edgeLabels, ...outcome }, value: rate });
  }
  push(outbound, src.ns, {
    labels: { ...edgeLabels, response_code: "503", grpc_response_status: "", response_flags: "UO" },
    value: random(),
  });
  push(times, dst.ns, { labels: edgeLabels, value: 5 + random() * 200 });
}

const state: ClusterState = {
  namespaces,
  workloads: workloads.map((w) => ({
    namespace: w.ns,
    name: w.name,
    kind: "Deployment",
    labels: { app: w.app, version: w.version },
    app: w.app,
    version: w.version,
    desiredReplicas: 2,
    availableReplicas: 2,
    runningPods: 2,
    podsWithoutSidecar: 0,
    pods: 2,
  })),
  services: [],
  virtualServices: [],
  destinationRules: [],
  serviceEntries: [],
};

/**
 * The samples as the console holds them: encoded as Prometheus answers its HTTP API (labels
 * sorted by name, values as strings) and decoded by the adapter's own parser, as
 * live-sources.ts receives them. Decoding is the adapter's work and stays outside the timed
 * build; it also gives the samples the memory layout parsed JSON has (objects built by
 * spreads, as above, are laid out differently and read about twice as slowly).
 */
function decodedAsTheConsoleSeesThem(samples: PromSample[]): PromSample[] {
  const result = samples.map((s) => ({
    metric: Object.fromEntries(Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : 1))),
    value: [1_700_000_000, String(s.value)],
  }));
  const answer = envelope.parse(
    JSON.parse(JSON.stringify({ status: "success", data: { resultType: "vector", result } })),
  );
  if (answer.status !== "success") throw new Error("unreachable");
  const decoded = reshapeQueryData(queryData.parse(answer.data));
  if (decoded.kind !== "vector") throw new Error("unreachable");
  return decoded.samples.map((s) => ({ labels: s.labels, value: s.value }));
}
for (const answers of [inbound, outbound, times])
  for (const [ns, samples] of answers) answers.set(ns, decodedAsTheConsoleSeesThem(samples));

const nsOf = (promql: string, label: string) => new RegExp(`${label}="([^"]+)"`).exec(promql)?.[1] ?? "";

const sources: GraphSources = {
  async queryPrometheus(promql) {
    // The bench's mesh is HTTP with no body-size histograms: TCP, body bytes and unreached ask for nothing.
    if (
      promql.includes("istio_tcp_") ||
      promql.includes("_bytes_sum") ||
      promql.includes('destination_workload="unknown"')
    )
      return [];
    const inboundQuery = promql.includes('reporter="destination"');
    if (promql.includes("duration_milliseconds"))
      return inboundQuery ? (times.get(nsOf(promql, "destination_workload_namespace")) ?? []) : [];
    return inboundQuery
      ? (inbound.get(nsOf(promql, "destination_workload_namespace")) ?? [])
      : (outbound.get(nsOf(promql, "source_workload_namespace")) ?? []);
  },
  async existingNamespaces(namespaces) {
    return namespaces.filter((ns) => state.namespaces.includes(ns));
  },
  async readClusterState() {
    return state;
  },
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const samples = [...inbound.values(), ...outbound.values()].reduce((n, l) => n + l.length, 0);
  console.log(
    `load average ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${(await import("node:os")).cpus().length} cores`,
  );
  console.log(
    `graph build: ${WORKLOADS} workloads, ${EDGES} workload edges, ${samples} request samples, ${namespaces.length} namespaces, ${RUNS} runs each`,
  );
  for (const graphType of ["versionedApp", "app", "workload", "service"] as GraphType[]) {
    const ms: number[] = [];
    const cpu: number[] = [];
    let size = "";
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      const graph = await buildGraph(
        { namespaces, graphType, duration: 300, idleNodes: true, responseTime: "95", queryTime: 1_700_000_000 },
        sources,
      );
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(cpuStart);
      // The first runs warm the JIT.
      if (i >= 3) {
        ms.push(elapsed);
        cpu.push((used.user + used.system) / 1000);
      }
      size = `${graph.elements.nodes.length} nodes, ${graph.elements.edges.length} edges`;
    }
    ms.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    // On a shared machine wall time includes waiting for a core; CPU time is the build's own cost.
    console.log(
      `  ${graphType.padEnd(12)} wall median ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms; CPU median ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms (${size})`,
    );
  }
}

void main();
