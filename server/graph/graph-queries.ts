/**
 * The PromQL the graph runs for one namespace, assembled with the adapter's builders (label
 * values escaped there; the query scope added there). Three selections per metric, as
 * kiali-parity.md lists them: traffic into the namespace (destination-reported), traffic out
 * of it (source-reported) and requests that never reached a workload (source-reported, no
 * destination workload). A node graph runs the same queries on narrower selections: the
 * node's own traffic each way (`nodeSelections`), so there is one pipeline for both.
 *
 * Which metrics are read follows the request's rate options (Kiali's Traffic menu), as rows
 * of `grpcMessageMetrics` and `tcpMetrics`: a "total" is two metrics whose answers are added
 * sample by sample (queries sharing a `group`).
 */
import "server-only";
import {
  defaultTrafficRates,
  type GrpcRate,
  type ResponseTimeStat,
  type TcpRate,
  type ThroughputType,
  type TrafficRates,
} from "@/lib/contracts/graph";
import {
  divide,
  escapeRegex,
  histogramQuantile,
  selector,
  sumRate,
  type LabelMatcher,
} from "@/server/adapters/prometheus/promql";
import type { GraphNodeTarget } from "@/lib/contracts/node-graph";
import { nodeMatchers } from "@/server/adapters/prometheus/node-matchers";

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

/** outboundServed: a node graph's calls out of the node, as the callees' proxies reported them. */
export type Selection = "inbound" | "outbound" | "outboundServed" | "unreached";
/**
 * requests: `istio_requests_total` (HTTP and gRPC requests, by outcome); grpcMessages: gRPC
 * stream messages; tcp: TCP bytes; responseTime and throughput: one figure per workload edge.
 */
export type QueryKind = "requests" | "grpcMessages" | "tcp" | "responseTime" | "throughput";

export interface GraphQuery {
  /** The namespace, or the node ("namespace/kind/name") of a node graph. */
  scope: string;
  kind: QueryKind;
  selection: Selection;
  reporter: "source" | "destination";
  promql: string;
  /** Queries with the same group are one figure: their answers are added sample by sample. */
  group: string;
}

/** What the request asks the queries for. */
export interface QueryOptions {
  responseTime: ResponseTimeStat;
  rates: TrafficRates;
  throughputType: ThroughputType;
}

/** What a request that says nothing more asks for (the URL's defaults). */
export const defaultQueryOptions: QueryOptions = {
  responseTime: "95",
  rates: defaultTrafficRates,
  throughputType: "response",
};

const grpcMessageMetrics: Record<GrpcRate, string[]> = {
  requests: [],
  sent: ["istio_request_messages_total"],
  received: ["istio_response_messages_total"],
  total: ["istio_request_messages_total", "istio_response_messages_total"],
  none: [],
};

const tcpMetrics: Record<TcpRate, string[]> = {
  sent: ["istio_tcp_sent_bytes_total"],
  received: ["istio_tcp_received_bytes_total"],
  total: ["istio_tcp_sent_bytes_total", "istio_tcp_received_bytes_total"],
  none: [],
};

const throughputMetric: Record<ThroughputType, string> = {
  request: "istio_request_bytes_sum",
  response: "istio_response_bytes_sum",
};

/**
 * The request_protocol matcher for what `istio_requests_total` must count: both protocols,
 * one of them, or neither (undefined: no request query at all).
 */
function requestProtocolMatchers(rates: TrafficRates): LabelMatcher[] | undefined {
  const http = rates.http === "requests";
  const grpc = rates.grpc === "requests";
  if (http && grpc) return [];
  if (http) return [{ label: "request_protocol", op: "!=", value: "grpc" }];
  if (grpc) return [{ label: "request_protocol", op: "=", value: "grpc" }];
  return undefined;
}

/** One selection of a graph's traffic: which proxy reports it and the matchers that pick it. */
interface SelectionSpec {
  selection: Selection;
  reporter: "source" | "destination";
  matchers: LabelMatcher[];
}

const reporterIs = (reporter: "source" | "destination"): LabelMatcher => ({
  label: "reporter",
  op: "=",
  value: reporter,
});

/** A namespace graph: traffic into NS, out of NS, and calls for NS's services that reached no workload. */
function namespaceSelections(namespace: string): SelectionSpec[] {
  return [
    {
      selection: "inbound",
      reporter: "destination",
      matchers: [reporterIs("destination"), { label: "destination_workload_namespace", op: "=", value: namespace }],
    },
    {
      selection: "outbound",
      reporter: "source",
      matchers: [reporterIs("source"), { label: "source_workload_namespace", op: "=", value: namespace }],
    },
    {
      selection: "unreached",
      reporter: "source",
      matchers: [
        reporterIs("source"),
        { label: "source_workload_namespace", op: "!=", value: namespace },
        { label: "destination_workload", op: "=", value: "unknown" },
        { label: "destination_service", op: "=~", value: `^.+\\.${escapeRegex(namespace)}\\..+$` },
      ],
    },
  ];
}

const serviceHost = (node: GraphNodeTarget): LabelMatcher => ({
  label: "destination_service",
  op: "=~",
  value: `^${escapeRegex(node.name)}\\.${escapeRegex(node.namespace)}\\..+$`,
});

/**
 * A node graph: the node, its direct callers and what it calls — one hop each way.
 * - inbound: what the node's proxies received (destination-reported, with the mTLS share);
 * - outbound: what the node's proxies sent, including what never left them (source-reported);
 * - outboundServed: the same calls as the callees' proxies reported them. Kiali's node graph
 *   reads the node's side only; Topsail also reads the callees' so an edge carries the
 *   figures the namespace graph gives it (mTLS, the server's view), and focusing on a node
 *   changes no number on its edges. The de-duplication keeps one view per edge.
 * A service node: calls for its host that its workloads received, and (as Kiali) calls for
 * it that reached no workload (source-reported: fault aborts, no healthy upstream).
 */
function nodeSelections(node: GraphNodeTarget): SelectionSpec[] {
  if (node.kind === "service") {
    return [
      {
        selection: "inbound",
        reporter: "destination",
        matchers: [
          reporterIs("destination"),
          { label: "destination_service_namespace", op: "=", value: node.namespace },
          serviceHost(node),
        ],
      },
      {
        selection: "unreached",
        reporter: "source",
        matchers: [
          reporterIs("source"),
          { label: "destination_workload", op: "=", value: "unknown" },
          serviceHost(node),
        ],
      },
    ];
  }
  const into = nodeMatchers[node.kind](node, "destination");
  const outOf = nodeMatchers[node.kind](node, "source");
  return [
    { selection: "inbound", reporter: "destination", matchers: [reporterIs("destination"), ...into] },
    { selection: "outbound", reporter: "source", matchers: [reporterIs("source"), ...outOf] },
    { selection: "outboundServed", reporter: "destination", matchers: [reporterIs("destination"), ...outOf] },
  ];
}

/** Only the destination proxy knows whether the connection was mutual TLS. */
function groupBy(reporter: "source" | "destination", extra: readonly string[]): string[] {
  return reporter === "destination"
    ? [...edgeLabels, ...extra, "connection_security_policy"]
    : [...edgeLabels, ...extra];
}

const quantiles: Record<Exclude<ResponseTimeStat, "avg">, number> = { "50": 0.5, "95": 0.95, "99": 0.99 };

function responseTimeQuery(m: LabelMatcher[], windowSeconds: number, stat: ResponseTimeStat): string {
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
export function buildNamespaceQueries(namespace: string, windowSeconds: number, options: QueryOptions): GraphQuery[] {
  return buildQueries(namespace, namespaceSelections(namespace), windowSeconds, options);
}

/** Every query a node graph needs: the namespace graph's, narrowed to the node's own traffic. */
export function buildNodeQueries(node: GraphNodeTarget, windowSeconds: number, options: QueryOptions): GraphQuery[] {
  return buildQueries(`${node.namespace}/${node.kind}/${node.name}`, nodeSelections(node), windowSeconds, options);
}

function buildQueries(
  scope: string,
  specs: readonly SelectionSpec[],
  windowSeconds: number,
  options: QueryOptions,
): GraphQuery[] {
  const queries: GraphQuery[] = [];
  const requestProtocol = requestProtocolMatchers(options.rates);
  for (const { selection, reporter, matchers: m } of specs) {
    const add = (kind: QueryKind, promql: string) =>
      queries.push({ scope, kind, selection, reporter, promql, group: `${scope}/${selection}/${kind}` });
    if (requestProtocol) {
      const requests = [...m, ...requestProtocol];
      add(
        "requests",
        sumRate(selector("istio_requests_total", requests), windowSeconds, groupBy(reporter, outcomeLabels)),
      );
      // A request that never reached a workload has no meaningful duration or size on the edge.
      if (selection !== "unreached") {
        add("responseTime", responseTimeQuery(requests, windowSeconds, options.responseTime));
        add(
          "throughput",
          sumRate(selector(throughputMetric[options.throughputType], requests), windowSeconds, edgeLabels),
        );
      }
    }
    for (const metric of grpcMessageMetrics[options.rates.grpc])
      add("grpcMessages", sumRate(selector(metric, m), windowSeconds, groupBy(reporter, ["response_flags"])));
    for (const metric of tcpMetrics[options.rates.tcp])
      add("tcp", sumRate(selector(metric, m), windowSeconds, groupBy(reporter, ["response_flags"])));
  }
  return queries;
}
