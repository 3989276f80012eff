/**
 * The core objects of one namespace that the inventory pages read — the Namespace,
 * Deployments, Pods and Services, from the cluster cache — reshaped into the inventory's own
 * types here. (The kube adapter's listWorkloads/listServices are
 * the graph's slimmer views; these pages also need annotations, labels, containers and
 * resourceVersions.)
 */
import "server-only";
import { workloadNameOf } from "@/lib/istio/canonical";
import { clusterCacheFor, type KubeConnection } from "@/server/adapters/kube";
import {
  ownerOf,
  typedDeployments,
  typedNamespaces,
  typedPods,
  typedServices,
  type Pod,
} from "@/server/adapters/kube/core-objects";
import { TopsailError } from "@/server/errors";

export const SIDECAR_CONTAINER = "istio-proxy";
/** The label (or the older annotation) that opts a pod in or out of injection. */
export const INJECT_KEY = "sidecar.istio.io/inject";

export interface DeploymentObject {
  name: string;
  /** Pod template labels and annotations. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  desiredReplicas: number;
  availableReplicas: number;
  resourceVersion?: string;
}

export interface ContainerObject {
  name: string;
  image: string;
  ready: boolean;
  restarts: number;
}

export interface PodObject {
  name: string;
  /** The workload Istio reports for the pod (the Deployment's name for its pods). */
  workload: string;
  ownerKind?: string;
  phase: string;
  ready: boolean;
  labels: Record<string, string>;
  createdAt?: string;
  containers: ContainerObject[];
  hasSidecar: boolean;
  /**
   * `sidecar.istio.io/inject: "false"` on the pod (label, or the older annotation): Istio's
   * injector skips it on purpose (istiod, gateways, addons), so it does not lack a sidecar.
   */
  optsOutOfInjection: boolean;
}

export interface ServiceObject {
  name: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  ports: { name?: string; port: number; protocol: string; targetPort?: string; appProtocol?: string }[];
}

export interface NamespaceObjects {
  namespace: { name: string; labels: Record<string, string>; resourceVersion?: string };
  deployments: DeploymentObject[];
  pods: PodObject[];
  services: ServiceObject[];
}

function toPod(pod: Pod): PodObject {
  const { name } = pod.metadata;
  const owner = ownerOf(pod);
  const statuses = new Map(
    [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].map((s) => [s.name, s]),
  );
  // Native sidecars (Istio ≥ 1.19 on Kubernetes ≥ 1.28) are init containers that keep running.
  const containers = [
    ...(pod.spec?.initContainers ?? []).filter((c) => c.name === SIDECAR_CONTAINER),
    ...(pod.spec?.containers ?? []),
  ];
  return {
    name,
    workload: workloadNameOf(name, owner),
    ownerKind: owner?.kind,
    phase: pod.status?.phase ?? "Unknown",
    ready: pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    labels: pod.metadata.labels ?? {},
    createdAt: pod.metadata.creationTimestamp ? new Date(pod.metadata.creationTimestamp).toISOString() : undefined,
    containers: containers.map((c) => ({
      name: c.name,
      image: c.image ?? "",
      ready: statuses.get(c.name)?.ready ?? false,
      restarts: statuses.get(c.name)?.restartCount ?? 0,
    })),
    hasSidecar: containers.some((c) => c.name === SIDECAR_CONTAINER),
    optsOutOfInjection:
      pod.metadata.labels?.[INJECT_KEY] === "false" || pod.metadata.annotations?.[INJECT_KEY] === "false",
  };
}

export async function readNamespaceObjects(connection: KubeConnection, namespace: string): Promise<NamespaceObjects> {
  const cache = clusterCacheFor(connection);
  const [ns, deployments, pods, services] = await Promise.all([
    cache.get("Namespace", undefined, namespace),
    cache.list("Deployment", namespace),
    cache.list("Pod", namespace),
    cache.list("Service", namespace),
  ]);
  const [namespaceObject] = typedNamespaces(ns ? [ns] : []);
  if (!namespaceObject) throw new TopsailError("not_found", `Namespace ${namespace} does not exist`);
  return {
    namespace: {
      name: namespace,
      labels: namespaceObject.metadata.labels ?? {},
      resourceVersion: namespaceObject.metadata.resourceVersion,
    },
    deployments: typedDeployments(deployments).map((d) => ({
      name: d.metadata.name,
      labels: d.spec?.template?.metadata?.labels ?? {},
      annotations: d.spec?.template?.metadata?.annotations ?? {},
      desiredReplicas: d.spec?.replicas ?? 1,
      availableReplicas: d.status?.availableReplicas ?? 0,
      resourceVersion: d.metadata.resourceVersion,
    })),
    pods: typedPods(pods).map(toPod),
    services: typedServices(services).map((s) => ({
      name: s.metadata.name,
      labels: s.metadata.labels ?? {},
      selector: s.spec?.selector ?? {},
      ports: (s.spec?.ports ?? []).map((p) => ({
        name: p.name,
        port: p.port,
        protocol: p.protocol ?? "TCP",
        targetPort: p.targetPort === undefined ? undefined : String(p.targetPort),
        appProtocol: p.appProtocol,
      })),
    })),
  };
}
