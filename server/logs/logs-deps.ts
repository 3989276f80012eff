/** What the logs domain reads, passed in (index.ts binds it to the kube adapter). */
import "server-only";
import type { PodSummary } from "@/server/adapters/kube/list-pods";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { PodLogRequest } from "@/server/adapters/kube/pod-logs";

export interface LogsDeps {
  /** The namespace's pods, from the cluster cache. */
  listPods(namespace: string): Promise<PodSummary[]>;
  listServices(namespace: string): Promise<ServiceSummary[]>;
  /** One container's log (with kubelet timestamps), read as the viewer. */
  readLog(request: PodLogRequest): Promise<string>;
  /** One container's log as it is written, until `signal` aborts or the container exits. */
  followLog(request: PodLogRequest, signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
}
