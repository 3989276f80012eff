/**
 * Everything a config validation needs to know about the mesh, read in one go: Services,
 * the label sets of running workloads (pods and WorkloadEntries), every Istio config kind,
 * and the mesh settings from istiod's `istio` ConfigMap. Read cluster-wide by default (one
 * list per kind, whatever the number of namespaces — as istiod itself sees the registry), or
 * namespace by namespace when the caller may only read some namespaces.
 */
import "server-only";
import { CoreV1Api, CustomObjectsApi, type V1Pod } from "@kubernetes/client-node";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { workloadNameOf } from "@/lib/istio/canonical";
import { findIstioKind, type IstioKind } from "@/lib/istio/kinds";
import type {
  AuthorizationPolicy,
  DestinationRule,
  Gateway,
  PeerAuthentication,
  RequestAuthentication,
  ServiceEntry,
  Sidecar,
  VirtualService,
  WorkloadEntry,
} from "@/lib/istio/types";
import { KubeApiError } from "@/server/errors";
import type { KubeConnection } from "./kube-connection";
import { toKubeError } from "./kube-errors";
import type { ServiceSummary } from "./list-services";

/** The labels a pod (or WorkloadEntry) carries: what selectors and subsets match against. */
export interface WorkloadLabels {
  kind: "Pod" | "WorkloadEntry";
  namespace: string;
  /** The workload Istio reports (Deployment name for a Deployment's pods). */
  name: string;
  labels: Record<string, string>;
}

export interface MeshSettings {
  rootNamespace: string;
  enableAutoMtls: boolean;
  /** DNS suffix of Kubernetes services (istiod's --domain). */
  domain: string;
}

export interface MeshInventory {
  services: ServiceSummary[];
  workloads: WorkloadLabels[];
  virtualServices: VirtualService[];
  destinationRules: DestinationRule[];
  gateways: Gateway[];
  serviceEntries: ServiceEntry[];
  sidecars: Sidecar[];
  workloadEntries: WorkloadEntry[];
  peerAuthentications: PeerAuthentication[];
  authorizationPolicies: AuthorizationPolicy[];
  requestAuthentications: RequestAuthentication[];
  mesh: MeshSettings;
}

export const defaultMeshSettings: MeshSettings = { rootNamespace: "istio-system", enableAutoMtls: true, domain: "cluster.local" };

export type IstioKey = Exclude<keyof MeshInventory, "services" | "workloads" | "mesh">;

/** Which Istio kind feeds which field (group and plural come from lib/istio/kinds.ts). */
export const istioInventoryKinds: Record<IstioKey, IstioKind> = {
  virtualServices: "VirtualService",
  destinationRules: "DestinationRule",
  gateways: "Gateway",
  serviceEntries: "ServiceEntry",
  sidecars: "Sidecar",
  workloadEntries: "WorkloadEntry",
  peerAuthentications: "PeerAuthentication",
  authorizationPolicies: "AuthorizationPolicy",
  requestAuthentications: "RequestAuthentication",
};

const VERSIONS = ["v1", "v1beta1"] as const;

const customObjectList = z.object({
  items: z.array(
    z.looseObject({
      apiVersion: z.string().optional(),
      metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
      spec: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

const meshConfigSchema = z.looseObject({
  rootNamespace: z.string().optional(),
  enableAutoMtls: z.boolean().optional(),
});

function isStatus(error: unknown, status: number): boolean {
  return error instanceof KubeApiError && error.status === status;
}

async function listCustom(api: CustomObjectsApi, key: IstioKey, namespace: string | undefined, server: string): Promise<unknown[]> {
  const kind = istioInventoryKinds[key];
  // v1beta1 is read when a cluster (Istio < 1.22) serves no v1.
  const { group, plural } = findIstioKind(kind)!;
  for (const version of VERSIONS) {
    try {
      const body: unknown =
        namespace === undefined
          ? await api.listClusterCustomObject({ group, version, plural })
          : await api.listNamespacedCustomObject({ group, version, namespace, plural });
      const parsed = customObjectList.safeParse(body);
      if (!parsed.success) return [];
      // List items may omit kind; the namespace is always known from the request or the item.
      return parsed.data.items.map((item) => ({
        ...item,
        apiVersion: item.apiVersion ?? `${group}/${version}`,
        kind,
        metadata: { ...item.metadata, namespace: item.metadata.namespace ?? namespace },
      }));
    } catch (error) {
      const typed = toKubeError(error, { server, namespace });
      // 404: this version (or Istio itself) is not installed — try the next, then read as empty.
      if (!isStatus(typed, 404)) throw typed;
    }
  }
  return [];
}

function toWorkloadLabels(pod: V1Pod): WorkloadLabels | undefined {
  const podName = pod.metadata?.name;
  const phase = pod.status?.phase;
  // Finished pods serve no traffic: a subset matching only those still has no endpoints.
  if (!podName || phase === "Succeeded" || phase === "Failed") return undefined;
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  return {
    kind: "Pod",
    namespace: pod.metadata?.namespace ?? "",
    name: workloadNameOf(podName, owner ? { kind: owner.kind, name: owner.name } : undefined),
    labels: pod.metadata?.labels ?? {},
  };
}

async function listServicesAndPods(core: CoreV1Api, namespace: string | undefined): Promise<{ services: ServiceSummary[]; workloads: WorkloadLabels[] }> {
  const [services, pods] =
    namespace === undefined
      ? await Promise.all([core.listServiceForAllNamespaces(), core.listPodForAllNamespaces()])
      : await Promise.all([core.listNamespacedService({ namespace }), core.listNamespacedPod({ namespace })]);
  return {
    services: services.items
      .filter((s) => s.metadata?.name)
      .map((s) => ({
        namespace: s.metadata?.namespace ?? namespace ?? "",
        name: s.metadata?.name ?? "",
        selector: s.spec?.selector ?? {},
        ports: (s.spec?.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? "TCP", appProtocol: p.appProtocol })),
      })),
    workloads: pods.items.map(toWorkloadLabels).filter((w): w is WorkloadLabels => w !== undefined),
  };
}

async function readMeshSettings(core: CoreV1Api): Promise<MeshSettings> {
  try {
    const configMap = await core.readNamespacedConfigMap({ name: "istio", namespace: defaultMeshSettings.rootNamespace });
    const parsed = meshConfigSchema.safeParse(parseYaml(configMap.data?.mesh ?? "") ?? {});
    if (!parsed.success) return defaultMeshSettings;
    return {
      ...defaultMeshSettings,
      rootNamespace: parsed.data.rootNamespace ?? defaultMeshSettings.rootNamespace,
      enableAutoMtls: parsed.data.enableAutoMtls ?? defaultMeshSettings.enableAutoMtls,
    };
  } catch {
    // No ConfigMap, or not allowed to read it: Istio's defaults are what istiod would use.
    return defaultMeshSettings;
  }
}

function emptyInventory(mesh: MeshSettings): MeshInventory {
  const inventory = { services: [], workloads: [], mesh } as unknown as MeshInventory;
  for (const key of Object.keys(istioInventoryKinds) as IstioKey[]) inventory[key] = [];
  return inventory;
}

/**
 * Reads the inventory of the whole cluster (`namespaces` undefined) or of the given
 * namespaces. A 403 is thrown as a KubeApiError so the caller can narrow its scope.
 */
export async function listMeshInventory(connection: KubeConnection, namespaces?: readonly string[]): Promise<MeshInventory> {
  const core = connection.kubeConfig.makeApiClient(CoreV1Api);
  const custom = connection.kubeConfig.makeApiClient(CustomObjectsApi);
  const inventory = emptyInventory(await readMeshSettings(core));
  const scopes: (string | undefined)[] = namespaces === undefined ? [undefined] : [...namespaces];
  for (const namespace of scopes) {
    try {
      const [registry, ...lists] = await Promise.all([
        listServicesAndPods(core, namespace),
        ...(Object.keys(istioInventoryKinds) as IstioKey[]).map(async (key) => [key, await listCustom(custom, key, namespace, connection.server)] as const),
      ]);
      inventory.services.push(...registry.services);
      inventory.workloads.push(...registry.workloads);
      // The lists passed the shape check above; specs stay as users wrote them, which is
      // what lib/istio's all-optional types describe.
      for (const [key, items] of lists) (inventory[key] as unknown[]).push(...items);
    } catch (error) {
      throw toKubeError(error, { server: connection.server, namespace });
    }
  }
  for (const entry of inventory.workloadEntries) {
    inventory.workloads.push({
      kind: "WorkloadEntry",
      namespace: entry.metadata.namespace ?? "",
      name: entry.metadata.name ?? "",
      labels: entry.spec?.labels ?? {},
    });
  }
  return inventory;
}
