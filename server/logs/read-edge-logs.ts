/**
 * An edge's access lines (edge-match.ts says which): the istio-proxy logs of the source's
 * pods (outbound to the destination's hosts) and of the destination's pods (inbound from the
 * source), narrowed to a response code and/or flag, merged by time. At most MAX_PODS pods a
 * side are read, so a large deployment does not open a hundred log requests at once.
 */
import "server-only";
import {
  PROXY_CONTAINER,
  type EdgeLogLine,
  type EdgeLogs,
  type EdgeLogsQuery,
  type LogNotice,
} from "@/lib/contracts/logs";
import type { PodSummary } from "@/server/adapters/kube/list-pods";
import { destinationHosts, isDestLine, isSourceLine, podsOfNode } from "./edge-match";
import { filterLines } from "./filter-lines";
import { splitLog } from "./log-lines";
import type { LogsDeps } from "./logs-deps";
import { lastLines, mergeByTime } from "./merge-lines";
import { isForbidden, unreadable } from "./workload-pod";

export const MAX_PODS = 8;

type Side = EdgeLogLine["side"];

export async function readEdgeLogs(
  deps: Pick<LogsDeps, "listPods" | "listServices" | "readLog">,
  query: EdgeLogsQuery,
): Promise<EdgeLogs> {
  const namespaces = [...new Set([query.source.namespace, query.dest.namespace])];
  const [pods, services] = await Promise.all([
    Promise.all(namespaces.map((ns) => deps.listPods(ns))).then((all) => all.flat()),
    Promise.all(namespaces.map((ns) => deps.listServices(ns))).then((all) => all.flat()),
  ]);
  const notices: LogNotice[] = [];
  // A Service node sends nothing itself: its callers are the proxies, and they are not known here.
  const sourceIsService = !query.source.workload && !query.source.app;
  const sourceAll = sourceIsService ? [] : podsOfNode(query.source, pods, services);
  const destAll = podsOfNode(query.dest, pods, services);
  const destHosts = destinationHosts(query.dest, destAll, services);
  const sourceIps = new Set(sourceAll.flatMap((p) => (p.ip ? [p.ip] : [])));

  const withSidecar = (side: Side, all: PodSummary[]) => {
    for (const pod of all.filter((p) => !p.hasSidecar)) {
      notices.push({
        code: "no_sidecar",
        pod: pod.name,
        container: PROXY_CONTAINER,
        message: `Pod ${pod.name} (${side === "source" ? "source" : "destination"}) has no istio-proxy container, so it writes no access log.`,
      });
    }
    return all.filter((p) => p.hasSidecar).slice(0, MAX_PODS);
  };
  const sides: { side: Side; pod: PodSummary }[] = [
    ...withSidecar("source", sourceAll).map((pod) => ({ side: "source" as const, pod })),
    ...withSidecar("dest", destAll).map((pod) => ({ side: "dest" as const, pod })),
  ];
  const reads = await Promise.allSettled(
    sides.map(({ pod }) =>
      deps.readLog({
        namespace: pod.namespace,
        pod: pod.name,
        container: PROXY_CONTAINER,
        tailLines: query.tailLines,
        sinceSeconds: query.sinceSeconds,
      }),
    ),
  );
  const fatal = reads.find((r): r is PromiseRejectedResult => r.status === "rejected" && isForbidden(r.reason));
  if (fatal) throw fatal.reason;

  const hosts = new Set(destHosts);
  const ips = sourceIps.size > 0 ? sourceIps : undefined;
  const logs = reads.map((read, i): EdgeLogLine[] => {
    const { side, pod } = sides[i]!;
    if (read.status === "rejected") {
      // A pod gone since the cache listed it is one fewer pod, not a failed page.
      notices.push(unreadable(pod.name, PROXY_CONTAINER, read.reason));
      return [];
    }
    return splitLog(read.value, pod.name, PROXY_CONTAINER).flatMap((line) => {
      const access = line.access;
      if (!access) return [];
      const belongs = side === "source" ? isSourceLine(access, hosts) : isDestLine(access, ips);
      return belongs ? [{ ...line, access, side, workload: pod.workload, namespace: pod.namespace }] : [];
    });
  });
  const lines = filterLines(mergeByTime(logs), {
    code: query.code,
    flag: query.flag,
    search: query.search,
    minDurationMs: query.minDurationMs,
  });
  return {
    destHosts,
    sourcePods: sides.filter((s) => s.side === "source").map((s) => s.pod.name),
    destPods: sides.filter((s) => s.side === "dest").map((s) => s.pod.name),
    lines: lastLines(lines, query.tailLines),
    notices,
  };
}
