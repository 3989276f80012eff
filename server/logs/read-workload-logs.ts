/**
 * A workload's logs: one pod's containers read at once (the app's and istio-proxy's), merged
 * by time, access lines parsed, then filtered. The tail is per container, as `kubectl logs`
 * counts it, and the merged result keeps as many lines.
 */
import "server-only";
import type { WorkloadLogs, WorkloadLogsQuery } from "@/lib/contracts/logs";
import type { LogsDeps } from "./logs-deps";
import { filterLines } from "./filter-lines";
import { splitLog } from "./log-lines";
import { lastLines, mergeByTime } from "./merge-lines";
import { choosePod, isFatal, unreadable } from "./workload-pod";

export async function readWorkloadLogs(
  deps: Pick<LogsDeps, "listPods" | "readLog">,
  target: { namespace: string; workload: string },
  query: WorkloadLogsQuery,
): Promise<WorkloadLogs> {
  const choice = choosePod(await deps.listPods(target.namespace), target, query);
  const { pod } = choice;
  const base = {
    ...target,
    pods: choice.pods.map((p) => ({
      name: p.name,
      phase: p.phase,
      containers: p.containers,
      hasSidecar: p.hasSidecar,
    })),
    pod: pod?.name,
    containers: choice.containers,
  };
  if (!pod) return { ...base, lines: [], notices: choice.notices };
  const reads = await Promise.allSettled(
    choice.containers.map((container) =>
      deps.readLog({
        namespace: target.namespace,
        pod: pod.name,
        container,
        tailLines: query.tailLines,
        sinceSeconds: query.sinceSeconds,
      }),
    ),
  );
  const fatal = reads.find((r): r is PromiseRejectedResult => r.status === "rejected" && isFatal(r.reason));
  if (fatal) throw fatal.reason;
  const notices = [...choice.notices];
  const logs = reads.map((read, i) => {
    const container = choice.containers[i]!;
    if (read.status === "rejected") {
      notices.push(unreadable(pod.name, container, read.reason));
      return [];
    }
    return splitLog(read.value, pod.name, container);
  });
  return { ...base, lines: lastLines(filterLines(mergeByTime(logs), query), query.tailLines), notices };
}
