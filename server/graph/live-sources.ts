/**
 * GraphSources over the real adapters: Prometheus instant queries (vectors only) and the
 * kube adapter. Used by the API (index.ts), the fixture recorder, the integration test and
 * the API benchmark, so all of them exercise the same path.
 */
import "server-only";
import { listNamespaces, type KubeConnection } from "@/server/adapters/kube";
import { queryVector, type PrometheusClient } from "@/server/adapters/prometheus";
import type { GraphSources } from "./graph-sources";
import { readClusterState } from "./read-cluster-state";

export function createLiveGraphSources(deps: {
  prometheus: Pick<PrometheusClient, "query" | "url">;
  kube: () => KubeConnection;
}): GraphSources {
  return {
    queryPrometheus: (promql, time) => queryVector(deps.prometheus, promql, time),
    existingNamespaces: async (namespaces) => {
      const names = new Set((await listNamespaces(deps.kube())).map((n) => n.name));
      return namespaces.filter((ns) => names.has(ns));
    },
    readClusterState: (namespaces) => readClusterState(deps.kube(), namespaces),
  };
}
