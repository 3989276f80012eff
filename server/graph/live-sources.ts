/**
 * GraphSources over the real adapters: Prometheus instant queries (vectors only) and the
 * kube adapter. Used by the API (index.ts), the fixture recorder, the integration test and
 * the API benchmark, so all of them exercise the same path.
 */
import "server-only";
import { listNamespaces, type KubeConnection } from "@/server/adapters/kube";
import type { PrometheusClient } from "@/server/adapters/prometheus";
import { PrometheusError } from "@/server/errors";
import type { GraphSources, PromSample } from "./graph-sources";
import { readClusterState } from "./read-cluster-state";

export async function queryVector(client: Pick<PrometheusClient, "query" | "url">, promql: string, time: Date): Promise<PromSample[]> {
  try {
    const result = await client.query(promql, time);
    if (result.kind !== "vector") {
      throw new PrometheusError({ errorType: "bad_response", query: promql, message: `Prometheus answered a graph query with a ${result.kind}, not a vector` });
    }
    return result.samples.map((s) => ({ labels: s.labels, value: s.value }));
  } catch (error) {
    if (error instanceof PrometheusError && error.code === "prometheus_unavailable") {
      // The page shows this message as is: say what the graph needs and where to look.
      throw new PrometheusError({
        errorType: error.errorType,
        unavailable: true,
        query: promql,
        cause: error,
        message: `The graph needs Prometheus, which does not answer: ${error.message}. Check that Prometheus is running and that TOPSAIL_PROMETHEUS_URL points at it.`,
      });
    }
    throw error;
  }
}

export function createLiveGraphSources(deps: { prometheus: Pick<PrometheusClient, "query" | "url">; kube: () => KubeConnection }): GraphSources {
  return {
    queryPrometheus: (promql, time) => queryVector(deps.prometheus, promql, time),
    existingNamespaces: async (namespaces) => {
      const names = new Set((await listNamespaces(deps.kube())).map((n) => n.name));
      return namespaces.filter((ns) => names.has(ns));
    },
    readClusterState: (namespaces) => readClusterState(deps.kube(), namespaces),
  };
}
