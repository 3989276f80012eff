/**
 * server/overview: the Overview's namespace cards, over the live cluster and Prometheus.
 * Every namespace's inventory loads in parallel; one range query draws every sparkline.
 */
import "server-only";
import type { Overview } from "@/lib/contracts/overview";
import { getKubeConnection, listNamespaces } from "@/server/adapters/kube";
import { getPrometheusClient, type RangeSeries } from "@/server/adapters/prometheus";
import { PrometheusError } from "@/server/errors";
import { loadLiveInventory } from "@/server/inventory";
import { validateContextNamespaces } from "@/server/validation";
import { buildNamespaceOverview } from "./build-overview";
import { buildSparklineQuery, SPARKLINE } from "./overview-queries";

async function readSparklines(namespaces: readonly string[]): Promise<Map<string, RangeSeries> | PrometheusError> {
  if (namespaces.length === 0) return new Map();
  // Aligned to 10 s, not to the step, so the last point is at most seconds old.
  const end = Math.floor(Date.now() / 10_000) * 10;
  try {
    const result = await getPrometheusClient().queryRange(buildSparklineQuery(namespaces), {
      start: new Date((end - SPARKLINE.rangeSeconds) * 1000),
      end: new Date(end * 1000),
      stepSeconds: SPARKLINE.stepSeconds,
    });
    return new Map(result.kind === "matrix" ? result.series.map((s) => [s.labels.destination_workload_namespace ?? "", s]) : []);
  } catch (error) {
    if (error instanceof PrometheusError) return error;
    throw error;
  }
}

/** `namespaces` empty: every namespace the user can list. */
export async function getOverview(namespaces: readonly string[]): Promise<Overview> {
  const names = namespaces.length > 0 ? [...namespaces] : (await listNamespaces(getKubeConnection())).map((n) => n.name);
  const [loaded, sparklines] = await Promise.all([Promise.all(names.map((n) => loadLiveInventory(n))), readSparklines(names)]);
  const metricsError = sparklines instanceof PrometheusError ? sparklines.message : loaded.find((l) => l.metricsError)?.metricsError;
  return {
    namespaces: loaded.map(({ inventory, config }) =>
      buildNamespaceOverview(inventory, validateContextNamespaces([inventory.namespace], config.context), sparklines instanceof PrometheusError ? undefined : sparklines.get(inventory.namespace)),
    ),
    sparklineSeconds: SPARKLINE.rangeSeconds,
    ...(metricsError ? { metricsError } : {}),
  };
}
