/**
 * What Prometheus says about a node's inbound requests over a window, for the flag explainer
 * of a node: the edge's queries (explain-flags-telemetry.ts) without the caller's matchers,
 * grouped by caller and by the service the caller called, so the pure step
 * (explain-flags-node.ts) can pick each caller's reporter as the edge does, explain the
 * flags per caller namespace and service (the config a request went through depends on both),
 * and say which callers a share came from.
 *
 * The node is selected as node graphs select it (server/adapters/prometheus/node-matchers.ts `nodeMatchers`:
 * a workload by name, an app and version by canonical service and revision); a service by its
 * name and namespace as the edge explainer selects the callee, so a service node's shares are
 * the sum of its edges'. Requests a caller's proxy refused before picking a pod (UO, NR, FI,
 * UH, NC) name no workload: they count on the service node, as the graph draws them.
 */
import "server-only";
import type { GraphNodeTarget } from "@/lib/contracts/node-graph";
import { divide, histogramQuantile, selector, sumRate, type LabelMatcher } from "@/server/adapters/prometheus/promql";
import { nodeMatchers } from "@/server/adapters/prometheus/node-matchers";
import { codeAndFlagOf, eq, type QueryPrometheus } from "./explain-flags-telemetry";

const callerLabels = [
  "source_workload_namespace",
  "source_workload",
  "source_canonical_service",
  "source_canonical_revision",
] as const;
const serviceLabels = ["destination_service_namespace", "destination_service_name"] as const;
/** What the config rules depend on: the caller's namespace and the service called. */
const scopeLabels = ["source_workload_namespace", ...serviceLabels];

/** The labels that pick the requests into the node (as its callee). */
export function nodeInboundMatchers(node: GraphNodeTarget): LabelMatcher[] {
  if (node.kind === "service")
    return [eq("destination_service_namespace", node.namespace), eq("destination_service_name", node.name)];
  return nodeMatchers[node.kind](node, "destination");
}

export function nodeFlagQueries(node: GraphNodeTarget, w: number) {
  const into = nodeInboundMatchers(node);
  const source = [...into, eq("reporter", "source")];
  return {
    shares: sumRate(selector("istio_requests_total", into), w, [
      "reporter",
      ...callerLabels,
      ...serviceLabels,
      "response_code",
      "response_flags",
    ]),
    inFlight: `${sumRate(selector("istio_request_duration_milliseconds_sum", source), w, scopeLabels)} / 1000`,
    meanDuration: divide(
      sumRate(selector("istio_request_duration_milliseconds_sum", source), w, scopeLabels),
      sumRate(selector("istio_request_duration_milliseconds_count", source), w, scopeLabels),
    ),
    calleeP99: histogramQuantile(
      0.99,
      selector("istio_request_duration_milliseconds_bucket", [...into, eq("reporter", "destination")]),
      w,
      [...serviceLabels],
    ),
  };
}

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface CallerRef {
  namespace: string;
  workload: string;
  app?: string;
  version?: string;
}

/** Requests/s of one caller, through one service, with one code and flags, as one proxy reported them. */
export interface CallerFlagRow {
  caller: CallerRef;
  service: ServiceRef;
  reporter: "source" | "destination";
  code: string;
  /** As the metric says: flags may be comma-joined ("UO,URX"). */
  flag: string;
  rate: number;
}

/** The figures of the callers of one namespace through one service (the config's scope). */
export interface ScopeFigures {
  concurrency?: number;
  meanDurationMs?: number;
}

export interface NodeTelemetry {
  rows: CallerFlagRow[];
  /** By `scopeKey`. */
  figures: Map<string, ScopeFigures>;
  /** The callee's p99 per service (`serviceKey`), ms. */
  calleeP99: Map<string, number>;
}

export const serviceKey = (s: ServiceRef) => `${s.namespace}/${s.name}`;
export const scopeKey = (callerNamespace: string, s: ServiceRef) => `${callerNamespace} ${serviceKey(s)}`;

const known = (v: string | undefined) => (v && v !== "unknown" ? v : undefined);

const serviceOf = (l: Record<string, string>): ServiceRef => ({
  namespace: l.destination_service_namespace || "unknown",
  name: l.destination_service_name || "unknown",
});

export async function readNodeTelemetry(
  queryPrometheus: QueryPrometheus,
  node: GraphNodeTarget,
  duration: number,
  time: Date,
): Promise<NodeTelemetry> {
  const q = nodeFlagQueries(node, duration);
  const [shares, inFlight, meanDuration, calleeP99] = await Promise.all([
    queryPrometheus(q.shares, time),
    queryPrometheus(q.inFlight, time),
    queryPrometheus(q.meanDuration, time),
    queryPrometheus(q.calleeP99, time),
  ]);
  const rows = shares
    .filter((s) => s.value > 0)
    .map((s): CallerFlagRow => {
      const l = s.labels;
      const app = known(l.source_canonical_service);
      const version = known(l.source_canonical_revision);
      return {
        caller: {
          namespace: l.source_workload_namespace || "unknown",
          workload: l.source_workload || "unknown",
          ...(app ? { app } : {}),
          ...(version ? { version } : {}),
        },
        service: serviceOf(l),
        reporter: l.reporter === "source" ? "source" : "destination",
        ...codeAndFlagOf(l),
        rate: s.value,
      };
    });
  const figures = new Map<string, ScopeFigures>();
  const figuresOf = (l: Record<string, string>) => {
    const key = scopeKey(l.source_workload_namespace || "unknown", serviceOf(l));
    const held = figures.get(key) ?? {};
    figures.set(key, held);
    return held;
  };
  for (const s of inFlight) if (Number.isFinite(s.value)) figuresOf(s.labels).concurrency = s.value;
  for (const s of meanDuration) if (Number.isFinite(s.value)) figuresOf(s.labels).meanDurationMs = s.value;
  const p99 = new Map<string, number>();
  for (const s of calleeP99) if (Number.isFinite(s.value)) p99.set(serviceKey(serviceOf(s.labels)), s.value);
  return { rows, figures, calleeP99: p99 };
}
