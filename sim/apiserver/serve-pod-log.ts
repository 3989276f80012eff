/**
 * The pods `log` subresource, as kube-apiserver and the kubelet answer it together:
 * options checked first (pod-log-options.ts: 400/422), then the pod (404), then the
 * container — named, or the pod's only one (else 400 listing init, main and ephemeral
 * containers) — and its state. The body is the container's lines as text/plain; with
 * `follow` the response stays open and every new line is written (and so flushed) as it
 * comes, until the client goes away, `limitBytes` is reached or the pod is deleted.
 * Lines come from the simulator's ContainerLogStore (sim/logs).
 */
import type { KubeObject } from "../store/types";
import type { ContainerLogStore, LogLine } from "../logs/container-log-store";
import { parsePodLogOptions, type PodLogOptions } from "./pod-log-options";
import type { ResourceRequest } from "./request-context";
import { badRequest, notFound } from "./status-error";

type Json = Record<string, unknown>;

function namesOf(pod: KubeObject, field: "initContainers" | "containers" | "ephemeralContainers"): string[] {
  const list = ((pod.spec as Json | undefined) ?? {})[field];
  return Array.isArray(list) ? (list as Json[]).map((c) => String(c.name)) : [];
}

/** kubelet's waiting reason for a container not yet running, if any. */
function waitingReason(pod: KubeObject, container: string): string | undefined {
  const status = (pod.status as Json | undefined) ?? {};
  const all = [
    ...((status.initContainerStatuses as Json[] | undefined) ?? []),
    ...((status.containerStatuses as Json[] | undefined) ?? []),
  ];
  const found = all.find((s) => s.name === container);
  if (!found) return "ContainerCreating";
  const waiting = ((found.state as Json | undefined) ?? {}).waiting as Json | undefined;
  return waiting ? String(waiting.reason ?? "ContainerCreating") : undefined;
}

/** The container the request is about, or the Status error kube-apiserver and the kubelet answer. */
export function selectContainer(pod: KubeObject, options: PodLogOptions): string {
  const name = pod.metadata.name ?? "";
  const init = namesOf(pod, "initContainers");
  const main = namesOf(pod, "containers");
  const ephemeral = namesOf(pod, "ephemeralContainers");
  let container = options.container;
  if (container === undefined) {
    if (main.length !== 1 || init.length + ephemeral.length > 0) {
      // Go's %v of a []string.
      throw badRequest(
        `a container name must be specified for pod ${name}, choose one of: [${[...init, ...main, ...ephemeral].join(" ")}]`,
      );
    }
    container = main[0] ?? "";
  }
  if (![...init, ...main, ...ephemeral].includes(container))
    throw badRequest(`container ${container} is not valid for pod ${name}`);
  // The simulator never restarts a container, so none has a previous instance.
  if (options.previous) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
  const waiting = waitingReason(pod, container);
  if (waiting !== undefined)
    throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${waiting}`);
  return container;
}

/** Go's time.RFC3339Nano: nanoseconds with trailing zeros dropped, as the kubelet prefixes lines. */
export function rfc3339Nano(timeMs: number): string {
  const iso = new Date(timeMs).toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ""}Z`;
}

/** The lines a request asks for, oldest first: since*, then the last `tailLines`. */
export function selectLines(lines: readonly LogLine[], options: PodLogOptions, nowMs: number): readonly LogLine[] {
  const since =
    options.sinceTimeMs ?? (options.sinceSeconds !== undefined ? nowMs - options.sinceSeconds * 1000 : undefined);
  let out = since === undefined ? lines : lines.filter((l) => l.timeMs >= since);
  if (options.tailLines !== undefined) out = options.tailLines === 0 ? [] : out.slice(-options.tailLines);
  return out;
}

export function renderLine(line: LogLine, options: PodLogOptions): string {
  return options.timestamps ? `${rfc3339Nano(line.timeMs)} ${line.text}\n` : `${line.text}\n`;
}

export function servePodLog(r: ResourceRequest, logs: ContainerLogStore | undefined): void {
  const { target, res, req } = r;
  const podName = target.name ?? "";
  const namespace = target.namespace ?? "default";
  const options = parsePodLogOptions(r.url, podName);
  const pod = r.deps.memory.getShared(target.def, namespace, podName);
  if (!pod) throw notFound(target.def, podName);
  const container = selectContainer(pod, options);

  let remaining = options.limitBytes ?? Infinity;
  let closed = false;
  // Set once the stream follows the container; closing must undo it.
  const following = { stop: (): void => undefined };
  const close = (): void => {
    if (closed) return;
    closed = true;
    following.stop();
    res.end();
  };
  /** Writes as much of `text` as limitBytes allows; false once the limit is reached. */
  const write = (text: string): boolean => {
    if (closed) return false;
    const bytes = Buffer.from(text);
    if (bytes.length >= remaining) {
      res.write(bytes.subarray(0, remaining));
      remaining = 0;
      close();
      return false;
    }
    remaining -= bytes.length;
    res.write(bytes);
    return true;
  };

  res.writeHead(200, { "content-type": "text/plain", "cache-control": "no-cache, private" });
  const lines = selectLines(logs?.read(namespace, podName, container) ?? [], options, Date.now());
  for (const line of lines) if (!write(renderLine(line, options))) return;
  if (!options.follow || !logs) return close();
  // Headers out now, so a follower sees the stream open before the first new line.
  res.flushHeaders();
  following.stop = logs.follow(namespace, podName, container, {
    line: (line) => void write(renderLine(line, options)),
    end: close,
  });
  req.on("close", close);
  res.on("close", close);
}
