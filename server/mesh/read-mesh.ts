/**
 * The Mesh page's view, from its I/O passed in: the root namespace's pods, Services and ConfigMaps (the cluster
 * cache) and each ready istiod's `/debug/syncz`. With several istiod replicas each serves its own proxies, so their
 * answers are joined; one that does not answer leaves a `syncError` beside the others' rows rather than failing the
 * page, whose control-plane and gateway parts do not depend on it.
 */
import "server-only";
import type { MeshView, ProxySyncRow } from "@/lib/contracts/mesh";
import type { ProxySyncStatus } from "@/server/adapters/kube/istiod-debug";
import type { PodObject } from "@/server/inventory/read-namespace-objects";
import { gatewaysOf, istiodPodsOf, type ServiceData } from "./control-plane";
import { parseMeshSettings, readRootCertificate, type ConfigMapData } from "./mesh-config";
import { toProxySyncRows } from "./sync-status";

export interface MeshDeps {
  rootNamespace: string;
  listPods(namespace: string): Promise<PodObject[]>;
  listServices(namespace: string): Promise<ServiceData[]>;
  listConfigMaps(namespace: string): Promise<ConfigMapData[]>;
  readSyncz(istiod: { namespace: string; pod: string }): Promise<ProxySyncStatus[]>;
  now(): Date;
}

export async function readMeshView(deps: MeshDeps): Promise<MeshView> {
  const namespace = deps.rootNamespace;
  const [pods, services, configMaps] = await Promise.all([
    deps.listPods(namespace),
    deps.listServices(namespace),
    deps.listConfigMaps(namespace),
  ]);
  const istiod = istiodPodsOf(namespace, pods);
  const ready = istiod.filter((p) => p.ready);
  const proxies: ProxySyncRow[] = [];
  const problems: string[] = [];
  if (ready.length === 0) {
    problems.push(
      istiod.length === 0
        ? `No istiod pod (label app=istiod) in ${namespace}: proxy sync status comes from istiod.`
        : `No istiod pod in ${namespace} is ready: proxy sync status comes from istiod.`,
    );
  }
  await Promise.all(
    ready.map(async (pod) => {
      try {
        proxies.push(...toProxySyncRows(await deps.readSyncz({ namespace, pod: pod.name }), pod.name));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }),
  );
  proxies.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.pod.localeCompare(b.pod));
  const rootCertificate = readRootCertificate(configMaps, deps.now());
  return {
    controlPlane: {
      istiod,
      settings: parseMeshSettings(configMaps, namespace),
      ...(rootCertificate ? { rootCertificate } : {}),
    },
    gateways: gatewaysOf(namespace, pods, services),
    proxies,
    ...(problems.length > 0 ? { syncError: problems.join(" ") } : {}),
  };
}
