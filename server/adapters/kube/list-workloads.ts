/**
 * The workloads of a namespace as the graph needs them: name, canonical app/version, how
 * many replicas are wanted and available, how many pods run, and whether those pods carry
 * the `istio-proxy` sidecar. Built from Deployments plus Pods, so a Deployment scaled to
 * zero still shows (as "dead"), and pods owned by something else (a bare pod, a Job) still
 * count as the workload Istio would report for them.
 */
import "server-only";
import { canonicalRevisionOf, canonicalServiceOf, workloadNameOf } from "@/lib/istio/canonical";
import { clusterCacheFor } from "./cluster-cache";
import { ownerOf, typedDeployments, typedPods, type Pod } from "./core-objects";
import type { KubeConnection } from "./kube-connection";

export interface WorkloadSummary {
  namespace: string;
  name: string;
  /** "Deployment", or the pod owner's kind ("Pod" for a bare pod). */
  kind: string;
  /** Pod template labels (or the first pod's labels). */
  labels: Record<string, string>;
  app: string;
  version: string;
  desiredReplicas: number;
  availableReplicas: number;
  /** Pods in phase Running. */
  runningPods: number;
  /** Pods (any phase) without the istio-proxy container. */
  podsWithoutSidecar: number;
  pods: number;
}

const SIDECAR = "istio-proxy";

export function hasSidecar(pod: Pod): boolean {
  // Native sidecars (Istio ≥ 1.19 on Kubernetes ≥ 1.28) are init containers.
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].some((c) => c.name === SIDECAR);
}

/** The workloads of one namespace, or of all namespaces when `namespace` is undefined. */
export async function listWorkloads(
  connection: KubeConnection,
  namespace: string | undefined,
): Promise<WorkloadSummary[]> {
  const cache = clusterCacheFor(connection);
  const [deployments, pods] = await Promise.all([cache.list("Deployment", namespace), cache.list("Pod", namespace)]);
  const byName = new Map<string, WorkloadSummary>();
  for (const d of typedDeployments(deployments)) {
    const { name, namespace: ns = "" } = d.metadata;
    const labels = d.spec?.template?.metadata?.labels ?? {};
    byName.set(`${ns}/${name}`, {
      namespace: ns,
      name,
      kind: "Deployment",
      labels,
      app: canonicalServiceOf(labels, name),
      version: canonicalRevisionOf(labels),
      desiredReplicas: d.spec?.replicas ?? 1,
      availableReplicas: d.status?.availableReplicas ?? 0,
      runningPods: 0,
      podsWithoutSidecar: 0,
      pods: 0,
    });
  }
  for (const pod of typedPods(pods)) {
    const ns = pod.metadata.namespace ?? "";
    const owner = ownerOf(pod);
    const name = workloadNameOf(pod.metadata.name, owner);
    let workload = byName.get(`${ns}/${name}`);
    if (!workload) {
      const labels = pod.metadata.labels ?? {};
      // Owners other than Deployments: each pod is a replica, running means available.
      workload = {
        namespace: ns,
        name,
        kind: owner?.kind ?? "Pod",
        labels,
        app: canonicalServiceOf(labels, name),
        version: canonicalRevisionOf(labels),
        desiredReplicas: 0,
        availableReplicas: 0,
        runningPods: 0,
        podsWithoutSidecar: 0,
        pods: 0,
      };
      byName.set(`${ns}/${name}`, workload);
    }
    workload.pods += 1;
    if (pod.status?.phase === "Running") workload.runningPods += 1;
    if (!hasSidecar(pod)) workload.podsWithoutSidecar += 1;
    if (workload.kind !== "Deployment") {
      workload.desiredReplicas += 1;
      if (pod.status?.phase === "Running") workload.availableReplicas += 1;
    }
  }
  return [...byName.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
