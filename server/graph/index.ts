/**
 * server/graph: the versioned service graph (see build-graph.ts for the algorithm). This
 * file only wires the live adapters, the Prometheus query cache and the time bucket.
 */
import "server-only";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { GraphCompareQuery, GraphComparison } from "@/lib/contracts/graph-compare";
import { getKubeConnection, listNamespaces } from "@/server/adapters/kube";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { PODS, viewerVisibility } from "@/server/auth/namespace-visibility";
import { readTimeoutBudgets } from "@/server/diagnosis";
import { getMeshSettings } from "@/server/mesh";
import { observeGraphBuild } from "@/server/observability/console-metrics";
import { buildGraph, type GraphRequest } from "./build-graph";
import { compareGraphWindows } from "./compare-windows";
import type { GraphSources } from "./graph-sources";
import { hideNamespaces } from "./hide-namespaces";
import { markInaccessible } from "./mark-inaccessible";
import { prepareLoadMultipliers } from "./apply-load-multipliers";
import { createLiveGraphSources } from "./live-sources";
import { withOutboundPolicy } from "./outbound-policy";
import { cacheQueries, snapToBucket } from "./prometheus-cache";

/** Refreshes within one bucket ask Prometheus the same questions, answered from the cache. */
export const TIME_BUCKET_SECONDS = 5;

let sources: GraphSources | undefined;

function liveSources(): GraphSources {
  if (!sources) {
    const live = createLiveGraphSources({ prometheus: getPrometheusClient(), kube: getKubeConnection });
    sources = {
      ...live,
      // Cluster state comes from the cluster cache (server/adapters/kube/cluster-cache.ts);
      // only Prometheus answers are kept here, per time bucket.
      queryPrometheus: cacheQueries(live.queryPrometheus, { ttlMs: TIME_BUCKET_SECONDS * 2000 }),
    };
  }
  return sources;
}

/**
 * The graph as the current viewer may see it, a namespace graph or a node graph
 * (`request.node`) alike: a namespace they may not see is one that does not exist (404
 * before any PromQL is sent), and peers in such namespaces are taken out of the answer
 * (hide-namespaces.ts); nodes of namespaces they may see but whose workloads they may not read
 * are kept and marked `isInaccessible` (mark-inaccessible.ts). The Prometheus cache is shared:
 * the filter runs after it.
 * A graph with hosts outside the mesh also carries the mesh's outbound traffic policy
 * (outbound-policy.ts): mesh-wide settings every viewer may read, as on the Mesh page. Edges
 * carry the budget's worst-case load (apply-load-multipliers.ts), laid on edges already filtered.
 */
export async function getGraph(request: GraphRequest): Promise<GraphResponse> {
  const started = performance.now();
  const withLoad = prepareLoadMultipliers(request.namespaces, readTimeoutBudgets);
  const graph = await withLoad(await withOutboundPolicy(await visibleGraph(request), getMeshSettings));
  observeGraphBuild(request.graphType, (performance.now() - started) / 1000);
  return graph;
}

/** Two windows of the graph compared (compare-windows.ts), each read as `getGraph` reads it for this viewer. */
export function getGraphComparison(query: GraphCompareQuery): Promise<GraphComparison> {
  return compareGraphWindows(query, getGraph);
}

async function visibleGraph(request: GraphRequest): Promise<GraphResponse> {
  const bucket = snapToBucket(new Date(), TIME_BUCKET_SECONDS);
  const visibility = viewerVisibility();
  const shared = liveSources();
  if (visibility.everything) return buildGraph(request, shared, bucket);
  const sources: GraphSources = {
    ...shared,
    existingNamespaces: async (namespaces) => visibility.filter(await shared.existingNamespaces(namespaces), (n) => n),
  };
  const graph = await buildGraph(request, sources, bucket);
  const clusterNamespaces = new Set((await listNamespaces(getKubeConnection())).map((n) => n.name));
  // Only real namespaces can be hidden: "unknown" peers and the like name no namespace.
  const shown = [...new Set(graph.elements.nodes.map((n) => n.data.namespace))].filter((ns) =>
    clusterNamespaces.has(ns),
  );
  const visible = await visibility.filter(shown, (n) => n);
  const hidden = new Set(shown.filter((ns) => !visible.includes(ns)));
  // Asked only for the namespaces still drawn, all at once (answers are cached per viewer).
  const readable = await Promise.all(visible.map((ns) => visibility.canRead(ns, PODS)));
  const unreadable = new Set(visible.filter((_, i) => !readable[i]));
  return markInaccessible(hideNamespaces(graph, hidden), unreadable);
}

export { buildGraph, type GraphRequest } from "./build-graph";
export { toDot } from "./to-dot";
export type { GraphSources, ClusterState } from "./graph-sources";
