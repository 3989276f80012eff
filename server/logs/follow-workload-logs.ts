/**
 * Following a workload pod's containers: one `follow=true` log request per container, their
 * lines parsed and filtered as they arrive and written as one NDJSON stream of FollowEvents
 * (lib/contracts/logs.ts). Lines are sent in arrival order, each with its time, so the page
 * places them. A request the API server refuses before the stream starts (no `pods/log`
 * permission, the pod gone) fails the whole call, so the route answers with that error;
 * later, a container whose stream ends sends an `end` event. Cancelling the returned stream
 * (the browser went away) or aborting `signal` closes every request to the API server.
 */
import "server-only";
import type { FollowEvent, WorkloadLogsQuery } from "@/lib/contracts/logs";
import { matchesFilter } from "./filter-lines";
import { lineSplitter, toLogLine } from "./log-lines";
import type { LogsDeps } from "./logs-deps";
import { choosePod, isFatal, unreadable } from "./workload-pod";

export async function followWorkloadLogs(
  deps: Pick<LogsDeps, "listPods" | "followLog">,
  target: { namespace: string; workload: string },
  query: WorkloadLogsQuery,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const choice = choosePod(await deps.listPods(target.namespace), target, query);
  const upstream = new AbortController();
  const stopUpstream = () => upstream.abort();
  signal.addEventListener("abort", stopUpstream, { once: true });
  const pod = choice.pod;
  const opened = pod
    ? await Promise.allSettled(
        choice.containers.map((container) =>
          deps.followLog(
            {
              namespace: target.namespace,
              pod: pod.name,
              container,
              tailLines: query.tailLines,
              sinceSeconds: query.sinceSeconds,
            },
            upstream.signal,
          ),
        ),
      )
    : [];
  const fatal = opened.find((r): r is PromiseRejectedResult => r.status === "rejected" && isFatal(r.reason));
  if (fatal) {
    upstream.abort();
    throw fatal.reason;
  }

  const encoder = new TextEncoder();
  const encode = (event: FollowEvent) => encoder.encode(`${JSON.stringify(event)}\n`);
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const notice of choice.notices) controller.enqueue(encode({ type: "notice", notice }));
      await Promise.all(
        opened.map(async (result, i) => {
          const container = choice.containers[i]!;
          if (result.status === "rejected") {
            controller.enqueue(
              encode({ type: "notice", notice: unreadable(pod?.name ?? "", container, result.reason) }),
            );
            return;
          }
          const reader = result.value.getReader();
          const decoder = new TextDecoder();
          const splitter = lineSplitter();
          const send = (raw: string) => {
            const line = toLogLine(raw, pod?.name ?? "", container);
            if (matchesFilter(line, query)) controller.enqueue(encode({ type: "line", line }));
          };
          try {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              splitter.push(decoder.decode(value, { stream: true })).forEach(send);
            }
            splitter.flush().forEach(send);
          } catch {
            // Aborted (the browser left) or the connection dropped: this container's stream ends either way.
          }
          if (!upstream.signal.aborted) controller.enqueue(encode({ type: "end", container }));
        }),
      );
      signal.removeEventListener("abort", stopUpstream);
      if (!upstream.signal.aborted) controller.close();
    },
    cancel() {
      upstream.abort();
    },
  });
}
