/**
 * The pods of a namespace with what reading their logs needs: the workload Istio reports for
 * each, labels, phase, IP and container names (native sidecars, which are init containers,
 * count as containers; `istio-init` and other init containers do not). From the cluster
 * cache, like every read (README).
 */
import "server-only";
import { workloadNameOf } from "@/lib/istio/canonical";
import { clusterCacheFor } from "./cluster-cache";
import { ownerOf, typedPods } from "./core-objects";
import type { KubeConnection } from "./kube-connection";
import { hasSidecar } from "./list-workloads";

export interface PodSummary {
  namespace: string;
  name: string;
  workload: string;
  labels: Record<string, string>;
  phase: string;
  ip?: string;
  containers: string[];
  hasSidecar: boolean;
}

const SIDECAR = "istio-proxy";

export async function listPods(connection: KubeConnection, namespace: string): Promise<PodSummary[]> {
  const pods = typedPods(await clusterCacheFor(connection).list("Pod", namespace));
  return pods
    .map((pod) => ({
      namespace: pod.metadata.namespace ?? namespace,
      name: pod.metadata.name,
      workload: workloadNameOf(pod.metadata.name, ownerOf(pod)),
      labels: pod.metadata.labels ?? {},
      phase: pod.status?.phase ?? "Unknown",
      ...(pod.status?.podIP ? { ip: pod.status.podIP } : {}),
      containers: [
        ...(pod.spec?.containers ?? []).map((c) => c.name),
        ...(pod.spec?.initContainers ?? []).filter((c) => c.name === SIDECAR).map((c) => c.name),
      ],
      hasSidecar: hasSidecar(pod),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
