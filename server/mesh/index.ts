/**
 * server/mesh: the Mesh page, wired to the cluster cache (the root namespace's pods, Services and ConfigMaps) and
 * to istiod's `/debug/syncz` through a port-forward opened with the **console's own identity**, as Kiali reads it
 * with its service account: sync status is cluster-wide and lives in the mesh's system namespace, where viewers
 * seldom may `create pods/portforward`, and what the console reads is read-only status that is then filtered to the
 * namespaces the viewer may see — the same rule as every other read from the cluster cache (docs/ARCHITECTURE.md
 * "Identity"). The view is shared for a few seconds: every open Overview asks for it.
 */
import "server-only";
import type { MeshSettingsView, MeshView } from "@/lib/contracts/mesh";
import { cacheByKey } from "@/lib/cache-by-key";
import { clusterCacheFor, getKubeConnection } from "@/server/adapters/kube";
import {
  typedConfigMaps,
  typedMutatingWebhookConfigurations,
  typedNamespaces,
  typedServices,
  type Service,
} from "@/server/adapters/kube/core-objects";
import { readIstiodSyncz } from "@/server/adapters/kube/istiod-debug";
import { MESH_ROOT_NAMESPACE } from "@/server/adapters/kube/watch-objects";
import { PODS, viewerVisibility } from "@/server/auth/namespace-visibility";
import { getConfig } from "@/server/config";
import { readNamespaceObjects } from "@/server/inventory/read-namespace-objects";
import type { ServiceData } from "./control-plane";
import { parseMeshSettings } from "./mesh-config";
import { readMeshView, type MeshDeps } from "./read-mesh";

function toServiceData(service: Service): ServiceData {
  const loadBalancer = (service.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? "");
  return {
    name: service.metadata.name,
    type: service.spec?.type ?? "ClusterIP",
    selector: service.spec?.selector ?? {},
    ports: (service.spec?.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port })),
    externalAddresses: [...loadBalancer, ...(service.spec?.externalIPs ?? [])].filter((a) => a !== ""),
  };
}

export function liveMeshDeps(): MeshDeps {
  const connection = getKubeConnection();
  const cache = clusterCacheFor(connection);
  return {
    rootNamespace: MESH_ROOT_NAMESPACE,
    listPods: async (namespace) => (await readNamespaceObjects(connection, namespace)).pods,
    listServices: async (namespace) => typedServices(await cache.list("Service", namespace)).map(toServiceData),
    listConfigMaps: async (namespace) =>
      typedConfigMaps(await cache.list("ConfigMap", namespace)).map((c) => ({
        name: c.metadata.name,
        data: c.data ?? {},
      })),
    listNamespaces: async () =>
      typedNamespaces(await cache.list("Namespace")).map((n) => ({
        name: n.metadata.name,
        labels: n.metadata.labels ?? {},
      })),
    listMutatingWebhookConfigurations: async () =>
      typedMutatingWebhookConfigurations(await cache.list("MutatingWebhookConfiguration")),
    // A Kubernetes call's deadline (TOPSAIL_KUBE_TIMEOUT_MS): the fetch is one, tunnelled.
    readSyncz: (istiod) => readIstiodSyncz(connection, istiod, getConfig().kube.timeoutMs),
    now: () => new Date(),
  };
}

/**
 * The `istio` ConfigMap's mesh settings alone — no istiod pods, no sync status — for views that explain traffic by them
 * (the graph's outbound traffic policy). A cluster cache read: cheap enough to need no sharing.
 */
export async function getMeshSettings(): Promise<MeshSettingsView> {
  const deps = liveMeshDeps();
  return parseMeshSettings(await deps.listConfigMaps(deps.rootNamespace), deps.rootNamespace);
}

/** As often as the Overview refreshes at most. */
export const MESH_CACHE_MS = 5_000;

const cachedMeshView = cacheByKey(
  () => readMeshView(liveMeshDeps()),
  () => "mesh",
  {
    ttlMs: MESH_CACHE_MS,
    maxEntries: 1,
  },
);

/**
 * The mesh as the current viewer may see it: injected namespaces only of namespaces they may see, and istiod, gateways
 * and proxies — pods, each row naming one — only of namespaces whose pods they may `list` (a namespace they may see
 * but not read is left out of those rows, as `kubectl get pods` there would show them none). The mesh settings and the
 * root certificate's expiry stay: they shape every namespace's traffic and hold no secret.
 */
export async function getMeshView(): Promise<MeshView> {
  const view = await cachedMeshView(undefined);
  const visibility = viewerVisibility();
  if (visibility.everything) return view;
  const [istiod, gateways, proxies, injected] = await Promise.all([
    visibility.filterReadable(
      view.controlPlane.istiod,
      (p) => p.namespace,
      () => PODS,
    ),
    visibility.filterReadable(
      view.gateways,
      (g) => g.namespace,
      () => PODS,
    ),
    visibility.filterReadable(
      view.proxies,
      (p) => p.namespace,
      () => PODS,
    ),
    visibility.filter(view.sidecarInjector.namespaces, (n) => n.namespace),
  ]);
  const webhooks = await Promise.all(
    view.sidecarInjector.webhooks.map(async (w) => ({
      ...w,
      namespaces: await visibility.filter(w.namespaces, (n) => n),
    })),
  );
  return {
    ...view,
    controlPlane: { ...view.controlPlane, istiod },
    gateways,
    sidecarInjector: { ...view.sidecarInjector, webhooks, namespaces: injected },
    proxies,
  };
}
