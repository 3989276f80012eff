/**
 * The console's own metrics, for the Prometheus that watches the console (GET /metrics):
 * request durations by route, graph build time, Prometheus query latency and errors,
 * experiments by phase and whether this replica leads the background work. prom-client's
 * registry, one per process (kept on globalThis so a dev reload does not register twice).
 * Other areas report through the small functions below; this module imports no other area.
 */
import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

interface ConsoleMetrics {
  registry: Registry;
  requestDuration: Histogram<"route" | "method" | "status">;
  graphBuild: Histogram<"graph_type">;
  prometheusQuery: Histogram<"outcome">;
  prometheusErrors: Counter<"error_type">;
  experiments: Gauge<"phase">;
  leader: Gauge;
}

/** Counts experiments by phase when the registry is scraped; set by the experiments wiring. */
let countExperiments: (() => Promise<Record<string, number>>) | undefined;

function createMetrics(): ConsoleMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "topsail_" });
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    requestDuration: new Histogram({
      name: "topsail_http_request_duration_seconds",
      help: "Time to answer an API request, by route pattern, method and status",
      labelNames: ["route", "method", "status"],
      buckets: seconds,
      registers: [registry],
    }),
    graphBuild: new Histogram({
      name: "topsail_graph_build_duration_seconds",
      help: "Time to build a graph answer (queries included), by graph type",
      labelNames: ["graph_type"],
      buckets: seconds,
      registers: [registry],
    }),
    prometheusQuery: new Histogram({
      name: "topsail_prometheus_query_duration_seconds",
      help: "Time Prometheus took to answer the console's queries, by outcome (ok or error)",
      labelNames: ["outcome"],
      buckets: seconds,
      registers: [registry],
    }),
    prometheusErrors: new Counter({
      name: "topsail_prometheus_query_errors_total",
      help: "Prometheus queries that failed, by error type (timeout, unavailable, bad_data, …)",
      labelNames: ["error_type"],
      registers: [registry],
    }),
    experiments: new Gauge({
      name: "topsail_experiments",
      help: "Experiments in the database, by phase",
      labelNames: ["phase"],
      registers: [registry],
      async collect() {
        if (!countExperiments) return;
        this.reset();
        for (const [phase, count] of Object.entries(await countExperiments())) this.set({ phase }, count);
      },
    }),
    leader: new Gauge({
      name: "topsail_background_leader",
      help: "1 while this replica holds the topsail-background Lease and runs the background services, else 0",
      registers: [registry],
    }),
  };
}

const globals = globalThis as typeof globalThis & { __topsailConsoleMetrics?: ConsoleMetrics };
const metrics = (): ConsoleMetrics => (globals.__topsailConsoleMetrics ??= createMetrics());

export function observeRequest(labels: { route: string; method: string; status: number }, seconds: number): void {
  metrics().requestDuration.observe({ ...labels, status: String(labels.status) }, seconds);
}

export function observeGraphBuild(graphType: string, seconds: number): void {
  metrics().graphBuild.observe({ graph_type: graphType }, seconds);
}

export function observePrometheusQuery(seconds: number, errorType?: string): void {
  metrics().prometheusQuery.observe({ outcome: errorType ? "error" : "ok" }, seconds);
  if (errorType) metrics().prometheusErrors.inc({ error_type: errorType });
}

export function setLeader(leading: boolean): void {
  metrics().leader.set(leading ? 1 : 0);
}

export function countExperimentsWith(count: () => Promise<Record<string, number>>): void {
  countExperiments = count;
}

/** The exposition text and its content type, for GET /metrics. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
