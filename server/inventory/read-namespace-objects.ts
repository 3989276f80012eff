/**
 * The core objects of one namespace that the inventory pages read — the Namespace,
 * Deployments, Pods and Services — reshaped into plain Topsail types here, so nothing past
 * this file sees client-node's shapes. (The kube adapter's listWorkloads/listServices are
 * the graph's slimmer views; these pages also need annotations, labels, containers and
 * resourceVersions.)
 */
import "server-only";
import { AppsV1Api, CoreV1Api, type V1Pod } from "@kubernetes/client-node";
import { workloadNameOf } from "@/lib/istio/canonical";
import type { KubeConnection } from "@/server/adapters/kube";
import { toKubeError } from "@/server/adapters/kube/kube-errors";

export const SIDECAR_CONTAINER = "istio-proxy";

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

function toPod(pod: V1Pod): PodObject | undefined {
  const name = pod.metadata?.name;
  if (!name) return undefined;
  const owner = pod.metadata?.ownerReferences?.find((o) => o.controller) ?? pod.metadata?.ownerReferences?.[0];
  const statuses = new Map([...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].map((s) => [s.name, s]));
  // Native sidecars (Istio ≥ 1.19 on Kubernetes ≥ 1.28) are init containers that keep running.
  const containers = [...(pod.spec?.initContainers ?? []).filter((c) => c.name === SIDECAR_CONTAINER), ...(pod.spec?.containers ?? [])];
  return {
    name,
    workload: workloadNameOf(name, owner ? { kind: owner.kind, name: owner.name } : undefined),
    ownerKind: owner?.kind,
    phase: pod.status?.phase ?? "Unknown",
    ready: pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    labels: pod.metadata?.labels ?? {},
    createdAt: pod.metadata?.creationTimestamp ? new Date(pod.metadata.creationTimestamp).toISOString() : undefined,
    containers: containers.map((c) => ({ name: c.name, image: c.image ?? "", ready: statuses.get(c.name)?.ready ?? false, restarts: statuses.get(c.name)?.restartCount ?? 0 })),
    hasSidecar: containers.some((c) => c.name === SIDECAR_CONTAINER),
  };
}

export async function readNamespaceObjects(connection: KubeConnection, namespace: string): Promise<NamespaceObjects> {
  try {
    const core = connection.kubeConfig.makeApiClient(CoreV1Api);
    const apps = connection.kubeConfig.makeApiClient(AppsV1Api);
    const [ns, deployments, pods, services] = await Promise.all([
      core.readNamespace({ name: namespace }),
      apps.listNamespacedDeployment({ namespace }),
      core.listNamespacedPod({ namespace }),
      core.listNamespacedService({ namespace }),
    ]);
    return {
      namespace: { name: namespace, labels: ns.metadata?.labels ?? {}, resourceVersion: ns.metadata?.resourceVersion },
      deployments: deployments.items
        .filter((d) => d.metadata?.name)
        .map((d) => ({
          name: d.metadata?.name ?? "",
          labels: d.spec?.template?.metadata?.labels ?? {},
          annotations: d.spec?.template?.metadata?.annotations ?? {},
          desiredReplicas: d.spec?.replicas ?? 1,
          availableReplicas: d.status?.availableReplicas ?? 0,
          resourceVersion: d.metadata?.resourceVersion,
        })),
      pods: pods.items.map(toPod).filter((p): p is PodObject => p !== undefined),
      services: services.items
        .filter((s) => s.metadata?.name)
        .map((s) => ({
          name: s.metadata?.name ?? "",
          labels: s.metadata?.labels ?? {},
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
  } catch (error) {
    throw toKubeError(error, { server: connection.server, namespace });
  }
}
