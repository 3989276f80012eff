/**
 * The Mesh page's view, from its I/O passed in: the root namespace's pods, Services and ConfigMaps (the cluster
 * cache), the MutatingWebhookConfigurations and namespaces (the sidecar injector), and each ready istiod's
 * `/debug/syncz`. With several istiod replicas each serves its own proxies, so their
 * answers are joined; one that does not answer leaves a `syncError` beside the others' rows rather than failing the
 * page, whose control-plane and gateway parts do not depend on it.
 */
import "server-only";
import type { MeshView, ProxySyncRow, SidecarInjectorView } from "@/lib/contracts/mesh";
import type { MutatingWebhookConfiguration } from "@/server/adapters/kube/core-objects";
import type { ProxySyncStatus } from "@/server/adapters/kube/istiod-debug";
import { TopsailError } from "@/server/errors";
import type { PodObject } from "@/server/inventory/read-namespace-objects";
import { gatewaysOf, istiodPodsOf, type ServiceData } from "./control-plane";
import { parseMeshSettings, readRootCertificate, type ConfigMapData } from "./mesh-config";
import {
  injectedNamespacesOf,
  injectorSelectorsOf,
  injectorWebhooksOf,
  type NamespaceLabels,
} from "./sidecar-injector";
import { toProxySyncRows } from "./sync-status";

export interface MeshDeps {
  rootNamespace: string;
  listPods(namespace: string): Promise<PodObject[]>;
  listServices(namespace: string): Promise<ServiceData[]>;
  listConfigMaps(namespace: string): Promise<ConfigMapData[]>;
  listNamespaces(): Promise<NamespaceLabels[]>;
  /** Rejects with a `forbidden` TopsailError when the console may not read them. */
  listMutatingWebhookConfigurations(): Promise<MutatingWebhookConfiguration[]>;
  readSyncz(istiod: { namespace: string; pod: string }): Promise<ProxySyncStatus[]>;
  now(): Date;
}

/**
 * The injector's webhooks and the namespaces labelled for injection with their pods lacking a sidecar. A console
 * that may not read MutatingWebhookConfigurations (a ClusterRole without them) says so instead of failing the page.
 */
export async function readSidecarInjector(deps: MeshDeps): Promise<SidecarInjectorView> {
  let configurations: MutatingWebhookConfiguration[];
  try {
    configurations = await deps.listMutatingWebhookConfigurations();
  } catch (error) {
    const forbidden = error instanceof TopsailError && error.code === "forbidden";
    return {
      webhooks: [],
      namespaces: [],
      problem: {
        code: forbidden ? "forbidden" : "unavailable",
        message: forbidden
          ? "The console is not permitted to read MutatingWebhookConfigurations (admissionregistration.k8s.io): grant list and watch on them to its ClusterRole."
          : `Reading the MutatingWebhookConfigurations failed: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  const webhooks = injectorWebhooksOf(configurations, await deps.listNamespaces(), deps.now());
  const injected = new Set(webhooks.filter((w) => w.injectsEveryPod).flatMap((w) => w.namespaces));
  const podsByNamespace = new Map(
    await Promise.all([...injected].map(async (n) => [n, await deps.listPods(n)] as const)),
  );
  return { webhooks, namespaces: injectedNamespacesOf(webhooks, injectorSelectorsOf(configurations), podsByNamespace) };
}

export async function readMeshView(deps: MeshDeps): Promise<MeshView> {
  const namespace = deps.rootNamespace;
  const [pods, services, configMaps, sidecarInjector] = await Promise.all([
    deps.listPods(namespace),
    deps.listServices(namespace),
    deps.listConfigMaps(namespace),
    readSidecarInjector(deps),
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
    sidecarInjector,
    proxies,
    ...(problems.length > 0 ? { syncError: problems.join(" ") } : {}),
  };
}
