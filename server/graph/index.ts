/**
 * server/graph: the versioned service graph (see build-graph.ts for the algorithm). This
 * file only wires the live adapters, the query cache and the time bucket.
 */
import "server-only";
import type { GraphResponse } from "@/lib/contracts/graph";
import { getKubeConnection } from "@/server/adapters/kube";
import { getPrometheusClient } from "@/server/adapters/prometheus";
import { buildGraph, type GraphRequest } from "./build-graph";
import type { GraphSources } from "./graph-sources";
import { createLiveGraphSources } from "./live-sources";
import { cacheByKey, cacheQueries, snapToBucket } from "./prometheus-cache";

/** Refreshes within one bucket ask Prometheus the same questions, answered from the cache. */
export const TIME_BUCKET_SECONDS = 5;

let sources: GraphSources | undefined;

function liveSources(): GraphSources {
  if (!sources) {
    const live = createLiveGraphSources({ prometheus: getPrometheusClient(), kube: getKubeConnection });
    sources = {
      queryPrometheus: cacheQueries(live.queryPrometheus, { ttlMs: TIME_BUCKET_SECONDS * 2000 }),
      // Cluster state changes slowly next to a refresh interval: share one read per bucket too.
      existingNamespaces: cacheByKey(live.existingNamespaces, (namespaces) => namespaces.join(","), { ttlMs: TIME_BUCKET_SECONDS * 1000 }),
      readClusterState: cacheByKey(live.readClusterState, (namespaces) => namespaces.join(","), { ttlMs: TIME_BUCKET_SECONDS * 1000 }),
    };
  }
  return sources;
}

export function getGraph(request: GraphRequest): Promise<GraphResponse> {
  return buildGraph(request, liveSources(), snapToBucket(new Date(), TIME_BUCKET_SECONDS));
}

export { buildGraph, type GraphRequest } from "./build-graph";
export { toDot } from "./to-dot";
export type { GraphSources, ClusterState } from "./graph-sources";
