/**
 * Writes what the containers of the simulated pods print: each container's start-up lines
 * when the kubelet (sim/controllers) reports it running, Envoy's access-log line in
 * `istio-proxy` for every ProxyRecord (it is the engine's ProxyRecordSink), and the
 * application's own line for every request its inbound sidecar saw answered. Watches pods
 * like an informer; a deleted pod's logs go, and its followers' streams end.
 */
import type { StoreClient, KubeObject } from "../store/types";
import type { ProxyRecord, ProxyRecordSink, TcpProxyRecord } from "../mesh/telemetry/proxy-record";
import { formatAccessLogLine, formatTcpAccessLogLine } from "../mesh/telemetry/access-log";
import { appRequestLine, appStartupLines, initStartupLines, proxyStartupLines } from "./app-log-styles";
import type { ContainerLogStore } from "./container-log-store";

export const PROXY_CONTAINER = "istio-proxy";
const PODS = { group: "", resource: "pods" };

type Json = Record<string, unknown>;

export interface PodLogFeeder extends ProxyRecordSink {
  stop(): void;
}

interface ContainerStatus {
  name: string;
  startedAt?: string;
}

function statusesOf(pod: KubeObject, field: "containerStatuses" | "initContainerStatuses"): ContainerStatus[] {
  const list = ((pod.status as Json | undefined) ?? {})[field];
  if (!Array.isArray(list)) return [];
  return (list as Json[]).map((s) => {
    const state = (s.state as Json | undefined) ?? {};
    const running = (state.running ?? state.terminated) as Json | undefined;
    const startedAt = running?.startedAt;
    return { name: String(s.name), ...(typeof startedAt === "string" ? { startedAt } : {}) };
  });
}

function containersOf(pod: KubeObject): Json[] {
  const list = ((pod.spec as Json | undefined) ?? {}).containers;
  return Array.isArray(list) ? (list as Json[]) : [];
}

function isGatewayProxy(pod: KubeObject): boolean {
  const proxy = containersOf(pod).find((c) => c.name === PROXY_CONTAINER);
  return Array.isArray(proxy?.args) && (proxy.args as unknown[]).includes("router");
}

export function startPodLogFeeder(store: StoreClient, logs: ContainerLogStore): PodLogFeeder {
  /** `namespace/pod/container` of containers whose start-up lines are written. */
  const started = new Set<string>();
  /** `namespace/pod` → the application container (the first that is not the sidecar). */
  const appContainers = new Map<string, { name: string; app?: string }>();

  const observe = (pod: KubeObject): void => {
    const namespace = pod.metadata.namespace ?? "default";
    const name = pod.metadata.name ?? "";
    const app = containersOf(pod).find((c) => c.name !== PROXY_CONTAINER);
    const appLabel = pod.metadata.labels?.app;
    if (app)
      appContainers.set(`${namespace}/${name}`, { name: String(app.name), ...(appLabel ? { app: appLabel } : {}) });
    const write = (container: string, lines: (timeMs: number) => string[], startedAt: string): void => {
      const key = `${namespace}/${name}/${container}`;
      if (started.has(key)) return;
      started.add(key);
      const timeMs = Date.parse(startedAt);
      for (const text of lines(timeMs)) logs.append(namespace, name, container, { timeMs, text });
    };
    for (const s of statusesOf(pod, "initContainerStatuses"))
      if (s.startedAt) write(s.name, initStartupLines, s.startedAt);
    for (const s of statusesOf(pod, "containerStatuses")) {
      if (!s.startedAt) continue;
      if (s.name === PROXY_CONTAINER) write(s.name, (t) => proxyStartupLines(t, isGatewayProxy(pod)), s.startedAt);
      else write(s.name, (t) => appStartupLines(appLabel, t), s.startedAt);
    }
  };

  const forget = (pod: KubeObject): void => {
    const namespace = pod.metadata.namespace ?? "default";
    const name = pod.metadata.name ?? "";
    appContainers.delete(`${namespace}/${name}`);
    for (const key of started) if (key.startsWith(`${namespace}/${name}/`)) started.delete(key);
    logs.forgetPod(namespace, name);
  };

  const listed = store.list(PODS);
  for (const pod of listed.items) observe(pod);
  const unsubscribe = store.watch(
    PODS,
    undefined,
    (event) => (event.type === "DELETED" ? forget(event.object) : observe(event.object)),
    listed.resourceVersion,
  );

  const record = (r: ProxyRecord): void => {
    // Envoy writes the line when the stream ends.
    const timeMs = r.startedAtMs + r.durationMs;
    const { namespace, name } = r.pod;
    logs.append(namespace, name, PROXY_CONTAINER, { timeMs, text: formatAccessLogLine(r) });
    if (r.direction !== "inbound" || r.code === 0) return;
    const app = appContainers.get(`${namespace}/${name}`);
    if (!app) return;
    const text = appRequestLine(app.app, {
      timeMs,
      method: r.method,
      path: r.path,
      code: r.code,
      bytes: r.bytesSent,
      durationMs: r.upstreamServiceTimeMs ?? r.durationMs,
      ...(r.userAgent !== undefined ? { userAgent: r.userAgent } : {}),
      clientIp: r.upstreamLocalAddress?.split(":")[0] ?? "127.0.0.6",
    });
    logs.append(namespace, name, app.name, { timeMs, text });
  };

  const recordTcp = (r: TcpProxyRecord): void => {
    // Envoy's TCP proxy writes the line when the connection closes.
    logs.append(r.pod.namespace, r.pod.name, PROXY_CONTAINER, {
      timeMs: r.startedAtMs + r.durationMs,
      text: formatTcpAccessLogLine(r),
    });
  };

  return { record, recordTcp, stop: unsubscribe };
}
