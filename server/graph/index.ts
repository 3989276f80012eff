/**
 * server/graph: the versioned service graph (see build-graph.ts for the algorithm). This
 * file only wires the live adapters, the Prometheus query cache and the time bucket.
 */
import "server-only";
import type { GraphResponse } from "@/lib/contracts/graph";
import { getKubeConnection } from "@/server/adapters/kube";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { observeGraphBuild } from "@/server/observability/console-metrics";
import { buildGraph, type GraphRequest } from "./build-graph";
import type { GraphSources } from "./graph-sources";
import { createLiveGraphSources } from "./live-sources";
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

export async function getGraph(request: GraphRequest): Promise<GraphResponse> {
  const started = performance.now();
  const graph = await buildGraph(request, liveSources(), snapToBucket(new Date(), TIME_BUCKET_SECONDS));
  observeGraphBuild(request.graphType, (performance.now() - started) / 1000);
  return graph;
}

export { buildGraph, type GraphRequest } from "./build-graph";
export { toDot } from "./to-dot";
export type { GraphSources, ClusterState } from "./graph-sources";
