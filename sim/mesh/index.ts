/**
 * The simulator's Istio traffic engine, as the simulator program starts it:
 * `startMesh({ store })` watches the store, generates traffic on a real-time clock and
 * serves Istio's standard metrics and the control API, and, given a tracing port, the
 * proxies' spans through a Jaeger query API (see README.md).
 */
import type { StoreClient } from "../store/types";
import { MeshEngine } from "./engine/mesh-engine";
import type { ProxySync } from "./istiod/proxy-sync";
import { startRealTimeDriver } from "./engine/real-time-driver";
import type { LoadOverrides } from "./load/load-settings";
import { startIngressListeners, type IngressListeners } from "./ingress/ingress-listeners";
import { startMetricsServer, type MetricsServer } from "./server/metrics-server";
import type { ProxyRecord, ProxyRecordSink, TcpProxyRecord } from "./telemetry/proxy-record";
import { TraceStore } from "./tracing/trace-store";
import { startTracingServer, type TracingServer } from "./tracing/tracing-server";

export { MeshEngine, type MeshEngineOptions, type MeshState } from "./engine/mesh-engine";
export {
  DEFAULT_LOAD,
  ENTRY_POINTS,
  type EntryPointLoad,
  type EntryPointName,
  type LoadOverrides,
  type LoadSettings,
} from "./load/load-settings";
export type { BehaviourOverride } from "./behaviour/types";

export const DEFAULT_METRICS_PORT = 15090;
/** Jaeger's query port, as Istio's addon (`tracing` service in istio-system) serves it. */
export const DEFAULT_TRACING_PORT = 16686;

export interface StartMeshOptions {
  store: StoreClient;
  seed?: number;
  /** 0 = a free port; default 15090. */
  metricsPort?: number;
  host?: "127.0.0.1";
  /** Per entry point; what is not given keeps its default (DEFAULT_LOAD). */
  load?: LoadOverrides;
  /** Advance virtual time with the wall clock (default). False: the caller drives `engine.advanceTo`. */
  realTime?: boolean;
  /** Serve the proxies' traces through Jaeger's query API on this port (0 = a free one); absent = no traces kept. */
  tracingPort?: number;
  /** Traces the tracing server keeps (a ring; default tracing/trace-store.ts). */
  maxTraces?: number;
  /** Further receivers of every proxy record, beside the trace store (access logs). */
  proxyRecordSinks?: ProxyRecordSink[];
  /** Percentage of new traces sampled, 0–100; default 100 (Istio's demo profile). */
  traceSamplingPercent?: number;
  /** The ingress gateway's HTTP on a real local port (0 = a free one); absent = not listening. */
  ingressHttpPort?: number;
  /** The ingress gateway's HTTPS on a real local port (0 = a free one); absent = not listening. */
  ingressHttpsPort?: number;
  /** The proxies' xDS sync state istiod's debug endpoint reports (sim/mesh/istiod); the control API changes it. */
  proxySync?: ProxySync;
}

export interface RunningMesh {
  metricsUrl: string;
  /** `http://127.0.0.1:<port>/jaeger`, when `tracingPort` was given. */
  tracingUrl?: string;
  /** `http://127.0.0.1:<port>`: the ingress gateway's HTTP, when `ingressHttpPort` was given. */
  ingressHttpUrl?: string;
  /** `https://127.0.0.1:<port>`: its HTTPS, when `ingressHttpsPort` was given. */
  ingressHttpsUrl?: string;
  engine: MeshEngine;
  stop(): Promise<void>;
}

/** Every sink gets every record, in order. */
function fanOut(sinks: readonly ProxyRecordSink[]): ProxyRecordSink {
  return {
    record(record: ProxyRecord) {
      for (const sink of sinks) sink.record(record);
    },
    recordTcp(record: TcpProxyRecord) {
      for (const sink of sinks) sink.recordTcp?.(record);
    },
  };
}

export async function startMesh(options: StartMeshOptions): Promise<RunningMesh> {
  const host = options.host ?? "127.0.0.1";
  const traces =
    options.tracingPort !== undefined
      ? new TraceStore(options.maxTraces !== undefined ? { maxTraces: options.maxTraces } : {})
      : undefined;
  const sinks = [...(traces ? [traces] : []), ...(options.proxyRecordSinks ?? [])];
  const epochMs = Date.now();
  const engine = new MeshEngine({
    store: options.store,
    epochMs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.load ? { load: options.load } : {}),
    ...(sinks.length > 0 ? { proxyRecords: fanOut(sinks) } : {}),
    ...(options.traceSamplingPercent !== undefined ? { traceSamplingPercent: options.traceSamplingPercent } : {}),
    ...(options.proxySync ? { proxySync: options.proxySync } : {}),
  });
  let server: MetricsServer;
  try {
    server = await startMetricsServer(engine, { host, port: options.metricsPort ?? DEFAULT_METRICS_PORT });
  } catch (error) {
    engine.stop();
    throw error;
  }
  let tracing: TracingServer | undefined;
  if (traces && options.tracingPort !== undefined) {
    try {
      // Searches end "now" by default: the engine's clock, which runs ahead of the wall clock when a test drives it.
      const now = (): number => Math.max(Date.now(), epochMs + engine.now);
      tracing = await startTracingServer(traces, { host, port: options.tracingPort, now });
    } catch (error) {
      engine.stop();
      await server.close();
      throw error;
    }
  }
  let ingress: IngressListeners | undefined;
  if (options.ingressHttpPort !== undefined || options.ingressHttpsPort !== undefined) {
    try {
      ingress = await startIngressListeners({
        engine,
        store: options.store,
        host,
        ...(options.ingressHttpPort !== undefined ? { httpPort: options.ingressHttpPort } : {}),
        ...(options.ingressHttpsPort !== undefined ? { httpsPort: options.ingressHttpsPort } : {}),
      });
    } catch (error) {
      engine.stop();
      await Promise.all([server.close(), tracing?.close()]);
      throw error;
    }
  }
  const driver = options.realTime === false ? undefined : startRealTimeDriver(engine);
  return {
    metricsUrl: `${server.url}/metrics`,
    ...(tracing ? { tracingUrl: tracing.url } : {}),
    ...(ingress?.httpUrl ? { ingressHttpUrl: ingress.httpUrl } : {}),
    ...(ingress?.httpsUrl ? { ingressHttpsUrl: ingress.httpsUrl } : {}),
    engine,
    async stop() {
      driver?.stop();
      engine.stop();
      await Promise.all([server.close(), tracing?.close(), ingress?.close()]);
    },
  };
}
