/**
 * The PromQL the graph runs for one namespace, assembled with the adapter's builders (label
 * values escaped there). Three selections per metric, as kiali-parity.md lists them:
 * traffic into the namespace (destination-reported), traffic out of it (source-reported)
 * and requests that never reached a workload (source-reported, no destination workload).
 */
import "server-only";
import type { ResponseTimeStat } from "@/lib/contracts/graph";
import {
  divide,
  escapeRegex,
  histogramQuantile,
  selector,
  sumRate,
  type LabelMatcher,
} from "@/server/adapters/prometheus/promql";

/** The labels that identify an edge between two workloads through one service. */
export const edgeLabels = [
  "source_cluster",
  "source_workload_namespace",
  "source_workload",
  "source_canonical_service",
  "source_canonical_revision",
  "destination_cluster",
  "destination_service_namespace",
  "destination_service",
  "destination_service_name",
  "destination_workload_namespace",
  "destination_workload",
  "destination_canonical_service",
  "destination_canonical_revision",
  "request_protocol",
] as const;

const outcomeLabels = ["response_code", "grpc_response_status", "response_flags"] as const;

export type Selection = "inbound" | "outbound" | "unreached";
export type QueryKind = "requests" | "tcp" | "responseTime";

export interface GraphQuery {
  namespace: string;
  kind: QueryKind;
  selection: Selection;
  reporter: "source" | "destination";
  promql: string;
}

const matchersBySelection: Record<Selection, (namespace: string) => LabelMatcher[]> = {
  inbound: (namespace) => [
    { label: "reporter", op: "=", value: "destination" },
    { label: "destination_workload_namespace", op: "=", value: namespace },
  ],
  outbound: (namespace) => [
    { label: "reporter", op: "=", value: "source" },
    { label: "source_workload_namespace", op: "=", value: namespace },
  ],
  unreached: (namespace) => [
    { label: "reporter", op: "=", value: "source" },
    { label: "source_workload_namespace", op: "!=", value: namespace },
    { label: "destination_workload", op: "=", value: "unknown" },
    { label: "destination_service", op: "=~", value: `^.+\\.${escapeRegex(namespace)}\\..+$` },
  ],
};
const matchers = (selection: Selection, namespace: string) => matchersBySelection[selection](namespace);

const reporterOf: Record<Selection, "source" | "destination"> = {
  inbound: "destination",
  outbound: "source",
  unreached: "source",
};
const selections: Selection[] = ["inbound", "outbound", "unreached"];

/** Only the destination proxy knows whether the connection was mutual TLS. */
function groupBy(selection: Selection, extra: readonly string[]): string[] {
  return selection === "inbound" ? [...edgeLabels, ...extra, "connection_security_policy"] : [...edgeLabels, ...extra];
}

const quantiles: Record<Exclude<ResponseTimeStat, "avg">, number> = { "50": 0.5, "95": 0.95, "99": 0.99 };

function responseTimeQuery(
  selection: Selection,
  namespace: string,
  windowSeconds: number,
  stat: ResponseTimeStat,
): string {
  const m = matchers(selection, namespace);
  if (stat === "avg") {
    return divide(
      sumRate(selector("istio_request_duration_milliseconds_sum", m), windowSeconds, edgeLabels),
      sumRate(selector("istio_request_duration_milliseconds_count", m), windowSeconds, edgeLabels),
    );
  }
  return histogramQuantile(
    quantiles[stat],
    selector("istio_request_duration_milliseconds_bucket", m),
    windowSeconds,
    edgeLabels,
  );
}

/** Every query the graph needs for one namespace; they are independent and run in parallel. */
export function buildNamespaceQueries(
  namespace: string,
  windowSeconds: number,
  responseTime: ResponseTimeStat,
): GraphQuery[] {
  const queries: GraphQuery[] = [];
  for (const selection of selections) {
    const m = matchers(selection, namespace);
    const reporter = reporterOf[selection];
    queries.push({
      namespace,
      kind: "requests",
      selection,
      reporter,
      promql: sumRate(selector("istio_requests_total", m), windowSeconds, groupBy(selection, outcomeLabels)),
    });
    queries.push({
      namespace,
      kind: "tcp",
      selection,
      reporter,
      promql: sumRate(
        selector("istio_tcp_received_bytes_total", m),
        windowSeconds,
        groupBy(selection, ["response_flags"]),
      ),
    });
    // A request that never reached a workload has no meaningful duration on the edge.
    if (selection !== "unreached") {
      queries.push({
        namespace,
        kind: "responseTime",
        selection,
        reporter,
        promql: responseTimeQuery(selection, namespace, windowSeconds, responseTime),
      });
    }
  }
  return queries;
}
