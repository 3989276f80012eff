/**
 * Which pod and containers of a workload a logs request reads. Any container can be asked
 * for by name; by default a pod's app containers and its istio-proxy. A pod without the
 * sidecar is a notice, not an error: its application log is still there.
 */
import "server-only";
import { PROXY_CONTAINER, type LogNotice, type WorkloadLogsQuery } from "@/lib/contracts/logs";
import type { PodSummary } from "@/server/adapters/kube/list-pods";
import { TopsailError } from "@/server/errors";

export interface PodChoice {
  pods: PodSummary[];
  pod?: PodSummary;
  containers: string[];
  notices: LogNotice[];
}

export function choosePod(
  allPods: readonly PodSummary[],
  target: { namespace: string; workload: string },
  query: Pick<WorkloadLogsQuery, "pod" | "container">,
): PodChoice {
  const pods = allPods.filter((p) => p.workload === target.workload);
  if (pods.length === 0) {
    return {
      pods,
      containers: [],
      notices: [{ code: "no_pods", message: `Workload ${target.workload} has no pods in ${target.namespace} now.` }],
    };
  }
  const pod = query.pod ? pods.find((p) => p.name === query.pod) : (pods.find((p) => p.phase === "Running") ?? pods[0]);
  if (!pod) {
    throw new TopsailError(
      "not_found",
      `Pod ${query.pod} is not one of workload ${target.workload}'s pods in ${target.namespace} (it may be gone); its pods now: ${pods.map((p) => p.name).join(", ")}`,
      { details: { reason: "pod_gone" } },
    );
  }
  const notices: LogNotice[] = [];
  if (!pod.hasSidecar && (!query.container || query.container === PROXY_CONTAINER)) {
    notices.push({
      code: "no_sidecar",
      pod: pod.name,
      container: PROXY_CONTAINER,
      message: `Pod ${pod.name} has no istio-proxy container (it is not in the mesh), so it writes no access log.`,
    });
  }
  if (query.container && query.container !== PROXY_CONTAINER && !pod.containers.includes(query.container)) {
    throw new TopsailError(
      "bad_request",
      `Pod ${pod.name} has no container ${query.container}; its containers: ${pod.containers.join(", ")}`,
    );
  }
  const containers = query.container
    ? pod.containers.filter((c) => c === query.container)
    : [...pod.containers.filter((c) => c !== PROXY_CONTAINER), ...pod.containers.filter((c) => c === PROXY_CONTAINER)];
  return { pods, pod, containers, notices };
}

/** A failure that stops the whole read: the viewer may not read logs, or the pod is gone. */
export function isFatal(error: unknown): boolean {
  return error instanceof TopsailError && (error.code === "forbidden" || error.code === "not_found");
}

export function isForbidden(error: unknown): boolean {
  return error instanceof TopsailError && error.code === "forbidden";
}

export function unreadable(pod: string, container: string, error: unknown): LogNotice {
  const message = error instanceof Error ? error.message : String(error);
  return { code: "container_unreadable", pod, container, message: `${container} of ${pod}: ${message}` };
}
