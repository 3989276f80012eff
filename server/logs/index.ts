/**
 * server/logs wired to the cluster: pods and services from the cluster cache (the console's
 * identity, filtered to namespaces the viewer may see), every log read through the viewer's
 * own connection, so the API server decides `get pods/log` for that person.
 */
import "server-only";
import type { EdgeLogs, EdgeLogsQuery, WorkloadLogs, WorkloadLogsQuery } from "@/lib/contracts/logs";
import { getKubeConnection } from "@/server/adapters/kube";
import { listPods } from "@/server/adapters/kube/list-pods";
import { listServices } from "@/server/adapters/kube/list-services";
import { followPodLog, readPodLog } from "@/server/adapters/kube/pod-logs";
import { requireVisibleNamespace } from "@/server/auth/namespace-visibility";
import { getViewerConnection } from "@/server/auth/viewer-connection";
import { followWorkloadLogs } from "./follow-workload-logs";
import type { LogsDeps } from "./logs-deps";
import { readEdgeLogs } from "./read-edge-logs";
import { readWorkloadLogs } from "./read-workload-logs";

export function liveLogsDeps(): LogsDeps {
  return {
    listPods: (namespace) => listPods(getKubeConnection(), namespace),
    listServices: (namespace) => listServices(getKubeConnection(), namespace),
    readLog: (request) => readPodLog(getViewerConnection(), request),
    followLog: (request, signal) => followPodLog(getViewerConnection(), request, signal),
  };
}

type Target = { namespace: string; workload: string };

export async function readWorkloadLogsLive(target: Target, query: WorkloadLogsQuery): Promise<WorkloadLogs> {
  await requireVisibleNamespace(target.namespace);
  return readWorkloadLogs(liveLogsDeps(), target, query);
}

export async function followWorkloadLogsLive(
  target: Target,
  query: WorkloadLogsQuery,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  await requireVisibleNamespace(target.namespace);
  return followWorkloadLogs(liveLogsDeps(), target, query, signal);
}

export async function readEdgeLogsLive(query: EdgeLogsQuery): Promise<EdgeLogs> {
  await Promise.all([requireVisibleNamespace(query.source.namespace), requireVisibleNamespace(query.dest.namespace)]);
  return readEdgeLogs(liveLogsDeps(), query);
}
