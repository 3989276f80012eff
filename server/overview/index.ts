/**
 * server/overview: the Overview's namespace cards, over the live cluster and Prometheus.
 * Every namespace's inventory loads in parallel; one range query draws every sparkline.
 * Answers are shared for a few seconds per set of namespaces (and requests in flight are
 * joined): a team keeping the Overview open must not multiply the cluster lists and the
 * Prometheus queries by its head count — uncached, 50 clients saturated the console at
 * about 22 answers/s (bench/overview-load.bench.ts).
 */
import "server-only";
import type { Overview } from "@/lib/contracts/overview";
import { getKubeConnection, listNamespaces } from "@/server/adapters/kube";
import { MESH_ROOT_NAMESPACE } from "@/server/adapters/kube/watch-objects";
import { PODS, viewerVisibility } from "@/server/auth/namespace-visibility";
import { getPrometheusClient, type RangeSeries } from "@/server/adapters/prometheus";
import { PrometheusError } from "@/server/errors";
import { cacheByKey } from "@/lib/cache-by-key";
import { loadLiveInventory } from "@/server/inventory";
import { validateContextNamespaces } from "@/server/validation";
import { buildNamespaceOverview } from "./build-overview";
import { buildSparklineQuery, SPARKLINE, type SparklineTraffic } from "./overview-queries";
import { groupSparklines } from "./group-sparklines";

type NamespaceSparklines = Partial<Record<SparklineTraffic, RangeSeries>>;

async function readSparklines(
  namespaces: readonly string[],
): Promise<Map<string, NamespaceSparklines> | PrometheusError> {
  if (namespaces.length === 0) return new Map();
  // Aligned to 10 s, not to the step, so the last point is at most seconds old.
  const end = Math.floor(Date.now() / 10_000) * 10;
  try {
    const result = await getPrometheusClient().queryRange(buildSparklineQuery(namespaces), {
      start: new Date((end - SPARKLINE.rangeSeconds) * 1000),
      end: new Date(end * 1000),
      stepSeconds: SPARKLINE.stepSeconds,
    });
    return groupSparklines(result.kind === "matrix" ? result.series : []);
  } catch (error) {
    if (error instanceof PrometheusError) return error;
    throw error;
  }
}

/** As often as the page refreshes at most; the sparklines step is coarser still. */
export const OVERVIEW_CACHE_MS = 5_000;

/**
 * `namespaces` empty: every namespace the viewer may see. The cache below is shared by every
 * viewer, so what it is asked for is resolved first: a viewer restricted to some namespaces
 * asks for exactly those, and never for "all".
 *
 * A card is counts of pods, workloads, applications and their health and traffic: a namespace
 * whose pods the viewer may not `list` has no card, as `kubectl get pods` there gives them
 * nothing to count (it stays in the namespace list, which needs only `get`, and on the graph,
 * marked inaccessible); the rest of the page still shows rather than failing for one namespace.
 */
export async function getOverview(namespaces: readonly string[]): Promise<Overview> {
  const visibility = viewerVisibility();
  if (visibility.everything) return cachedOverview(namespaces);
  const wanted =
    namespaces.length > 0 ? [...namespaces] : (await listNamespaces(getKubeConnection())).map((n) => n.name);
  const visible = await visibility.filterReadable(
    wanted,
    (n) => n,
    () => PODS,
  );
  if (visible.length === 0) return { namespaces: [], sparklineSeconds: SPARKLINE.rangeSeconds };
  return cachedOverview(visible);
}

const cachedOverview = cacheByKey(readOverview, (namespaces: readonly string[]) => [...namespaces].sort().join(","), {
  ttlMs: OVERVIEW_CACHE_MS,
  maxEntries: 100,
});

async function readOverview(namespaces: readonly string[]): Promise<Overview> {
  const names =
    namespaces.length > 0 ? [...namespaces] : (await listNamespaces(getKubeConnection())).map((n) => n.name);
  const [loaded, sparklines] = await Promise.all([
    Promise.all(names.map((n) => loadLiveInventory(n))),
    readSparklines(names),
  ]);
  const metricsError =
    sparklines instanceof PrometheusError ? sparklines.message : loaded.find((l) => l.metricsError)?.metricsError;
  return {
    namespaces: loaded.map(({ inventory, config }) =>
      buildNamespaceOverview(
        inventory,
        validateContextNamespaces([inventory.namespace], config.context),
        sparklines instanceof PrometheusError ? {} : (sparklines.get(inventory.namespace) ?? {}),
        MESH_ROOT_NAMESPACE,
      ),
    ),
    sparklineSeconds: SPARKLINE.rangeSeconds,
    ...(metricsError ? { metricsError } : {}),
  };
}
