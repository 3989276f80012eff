/**
 * Builds the service graph from Istio telemetry in Prometheus plus cluster state.
 *
 * Queries (graph-queries.ts), per requested namespace NS, all run in parallel, each
 * `sum(rate(metric{…}[window])) by (edge labels, outcome labels)` evaluated at the end of
 * the window (now, or `queryTime` for a replay):
 *   1. inbound   — reporter="destination", destination_workload_namespace="NS": what the
 *                  server sidecars of NS received (also grouped by connection_security_policy,
 *                  which only the server side knows: the mTLS share);
 *   2. outbound  — reporter="source", source_workload_namespace="NS": what the client
 *                  sidecars of NS sent, including what never left the client proxy (fault
 *                  aborts, circuit breaking, timeouts, no route);
 *   3. unreached — reporter="source" from other namespaces, destination_workload="unknown",
 *                  destination_service in NS: requests for NS's services that reached no
 *                  workload (e.g. the ingress gateway calling a service with no pods).
 * The same three selections run on the metrics the rate options (Kiali's Traffic menu) ask
 * for: `istio_requests_total` (HTTP and gRPC requests: rates by response code, gRPC status
 * and flags), gRPC stream messages (`istio_request_messages_total` /
 * `istio_response_messages_total`), TCP bytes (`istio_tcp_sent_bytes_total` /
 * `istio_tcp_received_bytes_total`); and, for the requests, `istio_request_duration_milliseconds`
 * (p50/p95/p99 by histogram_quantile over the buckets, or avg as _sum/_count) and body bytes
 * (`istio_response_bytes` / `istio_request_bytes`: throughput), not for "unreached". The query
 * scope (TOPSAIL_PROMETHEUS_QUERY_SCOPE) is in every selector.
 *
 * Rows → graph:
 *   - messy telemetry (messy-telemetry.ts): bare-IP destinations without workload dropped,
 *     egress-gateway calls continued to the gateway, unknown destination clusters filled in;
 *   - de-duplication (dedupe-edges.ts): a request between two sidecars is reported by both;
 *     each workload-level edge keeps the destination's rows plus the source's client-only
 *     rows, or the source's rows alone when no destination reported it; its response time
 *     is the larger of the two proxies' (a delay at the client's sidecar shows), its
 *     throughput the destination's;
 *   - nodes (node-identity.ts): each end of a row becomes the node the graph type draws —
 *     versionedApp: app + version (canonical service/revision), boxed per app; app: app;
 *     workload: workload; service: the services in front of caller and callee. A source with
 *     no namespace is the "unknown" node, one with a namespace but no workload its own
 *     unknown node there; a destination workload "unknown" (the request reached no pod, or
 *     went to an external host) is a service node of the called service; with
 *     injectServiceNodes a service node stands between caller and workload;
 *   - edges: rows between the same two nodes and protocol merge into one edge;
 *   - figures (compute-edge-rates.ts): rates per response class, error %, traffic %,
 *     responses by code × flags × host, mTLS %, response time (rate-weighted over merged
 *     workload edges); node in/out rates;
 *   - cluster state (apply-cluster-flags.ts): idle nodes, missing sidecar, out of mesh,
 *     dead, gateway, outside, root, ServiceEntry; health (apply-health.ts) with Kiali's
 *     default thresholds; badges from VirtualServices and DestinationRules
 *     (apply-config-badges.ts); namespace and cluster boxes (apply-boxes.ts, boxBy).
 * Node and edge ids are hashes of what they stand for, stable across refreshes.
 *
 * A node graph (`request.node`: an app, app version, workload or service of one namespace)
 * is the same pipeline on narrower queries (graph-queries.ts `nodeSelections`): the node's
 * own traffic in and out, so the node, its direct callers and what it calls. No idle nodes;
 * a service node graph draws callers → service → workloads (`drawingOf`).
 */
import "server-only";
import {
  graphOptionDefaults,
  type GraphOptionName,
  type GraphQuery,
  type GraphResponse,
  type GraphType,
} from "@/lib/contracts/graph";
import type { GraphNodeTarget } from "@/lib/contracts/node-graph";
import { TopsailError } from "@/server/errors";
import { addIdleNodes, applyClusterFlags } from "./apply-cluster-flags";
import { applyBoxes } from "./apply-boxes";
import { applyConfigBadges } from "./apply-config-badges";
import { applyHealth } from "./apply-health";
import { buildServiceGraph } from "./build-service-graph";
import { buildTrafficMap, endpointsFor } from "./build-traffic-map";
import { buildVersionedAppGraph } from "./build-versioned-app-graph";
import { computeEdgeRates } from "./compute-edge-rates";
import type { GraphSources } from "./graph-sources";
import { readTelemetry, type Telemetry } from "./read-telemetry";
import { toGraphResponse } from "./to-graph-response";
import type { TrafficMap } from "./traffic-map";

/**
 * The URL's parameters; the options left out take the URL's defaults (graphOptionDefaults).
 * With `node`, a node graph (lib/contracts/node-graph.ts): `namespaces` is then the node's.
 */
export type GraphRequest = Omit<GraphQuery, "format" | GraphOptionName> &
  Partial<Pick<GraphQuery, GraphOptionName>> & { node?: GraphNodeTarget };

interface BuildOptions {
  boxApps: boolean;
  injectServiceNodes: boolean;
}

const buildersByType: Record<GraphType, (t: Telemetry, o: BuildOptions) => TrafficMap> = {
  versionedApp: (t, o) => buildVersionedAppGraph(t.rows, t.responseTimes, t.throughputs, o),
  app: (t, o) => buildTrafficMap(t.rows, t.responseTimes, endpointsFor("app", o), t.throughputs),
  workload: (t, o) => buildTrafficMap(t.rows, t.responseTimes, endpointsFor("workload", o), t.throughputs),
  // Every node of a service graph is a service already.
  service: (t) => buildServiceGraph(t.rows, t.responseTimes, t.throughputs),
};

/** The graph for a request; `now` is the window's end when the request has no queryTime. */
export async function buildGraph(
  given: GraphRequest,
  sources: GraphSources,
  now: Date = new Date(),
): Promise<GraphResponse> {
  const request = { ...graphOptionDefaults, ...given };
  checkNodeGraph(request);
  const endSeconds = request.queryTime ?? Math.floor(now.getTime() / 1000);
  const end = new Date(endSeconds * 1000);
  // The namespaces are checked first, alone: one that does not exist is the user's error to
  // fix, and must not cost Prometheus a single query (10 per namespace by default). Then the cluster's
  // objects and the telemetry are read side by side.
  const existing = await sources.existingNamespaces(request.namespaces);
  const missing = request.namespaces.filter((ns) => !existing.includes(ns));
  if (missing.length > 0) {
    throw new TopsailError(
      "not_found",
      `Namespace${missing.length > 1 ? "s" : ""} ${missing.map((n) => `"${n}"`).join(", ")} not found`,
      { details: { namespaces: missing } },
    );
  }
  const [state, telemetry] = await Promise.all([
    sources.readClusterState(request.namespaces),
    readTelemetry(
      sources,
      request.namespaces,
      { seconds: request.duration, end },
      {
        responseTime: request.responseTime,
        rates: { http: request.rateHttp, grpc: request.rateGrpc, tcp: request.rateTcp },
        throughputType: request.throughputType,
        node: request.node,
      },
    ),
  ]);
  const drawing = drawingOf(request);
  const options: BuildOptions = {
    boxApps: request.boxBy.includes("app"),
    injectServiceNodes: drawing.injectServiceNodes,
  };
  let map = buildersByType[drawing.graphType](telemetry, options);
  // Idle nodes are the namespace's; a node graph is about one node's traffic (as Kiali's).
  if (request.idleNodes && !request.node) map = addIdleNodes(map, state, request.graphType, options);
  map = applyClusterFlags(map, state, request.namespaces);
  map = computeEdgeRates(map);
  map = applyHealth(map, state);
  map = applyConfigBadges(map, state);
  map = applyBoxes(map, request.boxBy);
  return toGraphResponse(map, { timestamp: endSeconds, duration: request.duration, graphType: request.graphType });
}

/**
 * How a graph's rows are drawn: as asked, except in two node-graph cases, as Kiali draws them.
 * A service node graph injects service nodes (the service stands between its callers and
 * its workloads; without it there would be nothing to focus on). A node graph of graph type
 * "service" keeps workload detail with service nodes injected: reduced to services, it would
 * lose the workloads that answered, and callers would lack the services in front of them
 * (their inbound traffic is not read).
 */
function drawingOf(request: GraphRequest & typeof graphOptionDefaults): {
  graphType: GraphType;
  injectServiceNodes: boolean;
} {
  if (!request.node) return { graphType: request.graphType, injectServiceNodes: request.injectServiceNodes };
  if (request.graphType === "service") return { graphType: "workload", injectServiceNodes: true };
  return {
    graphType: request.graphType,
    injectServiceNodes: request.injectServiceNodes || request.node.kind === "service",
  };
}

/** Kiali's rules for a node graph's request: one namespace, the node's; an app only in an app graph. */
function checkNodeGraph(request: GraphRequest): void {
  const node = request.node;
  if (!node) return;
  if (request.namespaces.length !== 1 || request.namespaces[0] !== node.namespace)
    throw new TopsailError("bad_request", `A node graph reads one namespace, the node's ("${node.namespace}")`);
  if (node.kind === "app" && request.graphType !== "app" && request.graphType !== "versionedApp")
    throw new TopsailError(
      "bad_request",
      `graphType ${request.graphType}: an application's graph is drawn as app or versionedApp`,
    );
}
