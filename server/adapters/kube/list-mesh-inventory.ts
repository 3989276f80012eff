/**
 * Everything a config validation needs to know about the mesh, from the cluster cache:
 * Services, the label sets of running workloads (pods and WorkloadEntries), every Istio
 * config kind, and the mesh settings from istiod's `istio` ConfigMap. Cluster-wide by
 * default, as istiod itself sees the registry, or for the given namespaces.
 */
import "server-only";
import { workloadNameOf } from "@/lib/istio/canonical";
import { parseMeshConfig } from "@/lib/istio/mesh-config";
import type { IstioKind } from "@/lib/istio/kinds";
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
import { clusterCacheFor } from "./cluster-cache";
import {
  ownerOf,
  typedConfigMaps,
  typedNamespaces,
  typedPods,
  typedServices,
  type ConfigMap,
  type Pod,
} from "./core-objects";
import { listIstioObjects } from "./istio-objects";
import type { KubeConnection } from "./kube-connection";
import { toServiceSummary, type ServiceSummary } from "./list-services";
import { MESH_ROOT_NAMESPACE } from "./watch-objects";

/** The labels a pod (or WorkloadEntry) carries: what selectors and subsets match against. */
export interface WorkloadLabels {
  kind: "Pod" | "WorkloadEntry";
  namespace: string;
  /** The workload Istio reports (Deployment name for a Deployment's pods). */
  name: string;
  labels: Record<string, string>;
  /** The service account its proxy's certificate names; AuthorizationPolicy principals refer to it. */
  serviceAccount: string;
}

export interface MeshSettings {
  rootNamespace: string;
  enableAutoMtls: boolean;
  /** DNS suffix of Kubernetes services (istiod's --domain). */
  domain: string;
  /** The trust domain of workload identities (MeshConfig trustDomain): the first part of a principal. */
  trustDomain: string;
}

export interface MeshInventory {
  /** Names of the cluster's namespaces (AuthorizationPolicy sources name them). */
  namespaces: string[];
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

export const defaultMeshSettings: MeshSettings = {
  rootNamespace: MESH_ROOT_NAMESPACE,
  enableAutoMtls: true,
  domain: "cluster.local",
  trustDomain: "cluster.local",
};

export type IstioKey = Exclude<keyof MeshInventory, "namespaces" | "services" | "workloads" | "mesh">;

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

function toWorkloadLabels(pod: Pod): WorkloadLabels | undefined {
  const phase = pod.status?.phase;
  // Finished pods serve no traffic: a subset matching only those still has no endpoints.
  if (phase === "Succeeded" || phase === "Failed") return undefined;
  return {
    kind: "Pod",
    namespace: pod.metadata.namespace ?? "",
    name: workloadNameOf(pod.metadata.name, ownerOf(pod)),
    labels: pod.metadata.labels ?? {},
    // What the API server defaults it to when the pod names none.
    serviceAccount: pod.spec?.serviceAccountName ?? pod.spec?.serviceAccount ?? "default",
  };
}

/** istiod's mesh settings from the `istio` ConfigMap; Istio's defaults when there is none or it does not parse. */
function meshSettingsOf(configMaps: ConfigMap[]): MeshSettings {
  const parsed = parseMeshConfig(configMaps.find((c) => c.metadata.name === "istio")?.data?.mesh);
  if (!parsed.ok) return defaultMeshSettings;
  return {
    ...defaultMeshSettings,
    rootNamespace: parsed.mesh.rootNamespace ?? defaultMeshSettings.rootNamespace,
    enableAutoMtls: parsed.mesh.enableAutoMtls ?? defaultMeshSettings.enableAutoMtls,
    trustDomain: parsed.mesh.trustDomain ?? defaultMeshSettings.trustDomain,
  };
}

function emptyInventory(mesh: MeshSettings): MeshInventory {
  const inventory = { namespaces: [], services: [], workloads: [], mesh } as unknown as MeshInventory;
  for (const key of Object.keys(istioInventoryKinds) as IstioKey[]) inventory[key] = [];
  return inventory;
}

/** The inventory of the whole cluster (`namespaces` undefined) or of the given namespaces, from the cluster cache. */
export async function listMeshInventory(
  connection: KubeConnection,
  namespaces?: readonly string[],
): Promise<MeshInventory> {
  const cache = clusterCacheFor(connection);
  const scopes: (string | undefined)[] = namespaces === undefined ? [undefined] : [...namespaces];
  const inventory = emptyInventory(meshSettingsOf(typedConfigMaps(await cache.list("ConfigMap", MESH_ROOT_NAMESPACE))));
  inventory.namespaces = typedNamespaces(await cache.list("Namespace")).map((n) => n.metadata.name);
  for (const namespace of scopes) {
    const [services, pods, ...lists] = await Promise.all([
      cache.list("Service", namespace),
      cache.list("Pod", namespace),
      ...(Object.keys(istioInventoryKinds) as IstioKey[]).map(
        async (key) => [key, await listIstioObjects(connection, istioInventoryKinds[key], namespace)] as const,
      ),
    ]);
    inventory.services.push(...typedServices(services).map(toServiceSummary));
    inventory.workloads.push(
      ...typedPods(pods)
        .map(toWorkloadLabels)
        .filter((w): w is WorkloadLabels => w !== undefined),
    );
    // The objects passed the shape check of istio-objects.ts; specs stay as users wrote
    // them, which is what lib/istio's all-optional types describe.
    for (const [key, items] of lists) (inventory[key] as unknown[]).push(...items);
  }
  for (const entry of inventory.workloadEntries) {
    inventory.workloads.push({
      kind: "WorkloadEntry",
      namespace: entry.metadata.namespace ?? "",
      name: entry.metadata.name ?? "",
      labels: entry.spec?.labels ?? {},
      serviceAccount: entry.spec?.serviceAccount ?? "default",
    });
  }
  return inventory;
}
