/**
 * The simulator's Istio traffic engine, as the simulator program starts it:
 * `startMesh({ store })` watches the store, generates traffic on a real-time clock and
 * serves Istio's standard metrics and the control API (see README.md).
 */
import type { StoreClient } from "../store/types";
import { MeshEngine } from "./engine/mesh-engine";
import { startRealTimeDriver } from "./engine/real-time-driver";
import type { LoadOverrides } from "./load/load-settings";
import { startMetricsServer } from "./server/metrics-server";
import type { ProxyRecordSink } from "./telemetry/proxy-record";

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
  /**
   * Each gets every proxy's record of every HTTP request, in order (access logs: sim/logs;
   * spans: the trace store). Add a consumer by adding a sink here.
   */
  proxyRecordSinks?: ProxyRecordSink[];
  /** Percentage of new traces sampled, 0–100; default 100 (Istio's demo profile). */
  traceSamplingPercent?: number;
}

export interface RunningMesh {
  metricsUrl: string;
  engine: MeshEngine;
  stop(): Promise<void>;
}

export async function startMesh(options: StartMeshOptions): Promise<RunningMesh> {
  const sinks = options.proxyRecordSinks ?? [];
  const engine = new MeshEngine({
    store: options.store,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.load ? { load: options.load } : {}),
    ...(options.traceSamplingPercent !== undefined ? { traceSamplingPercent: options.traceSamplingPercent } : {}),
    proxyRecords: { record: (r) => sinks.forEach((sink) => sink.record(r)) },
  });
  let server;
  try {
    server = await startMetricsServer(engine, {
      host: options.host ?? "127.0.0.1",
      port: options.metricsPort ?? DEFAULT_METRICS_PORT,
    });
  } catch (error) {
    engine.stop();
    throw error;
  }
  const driver = options.realTime === false ? undefined : startRealTimeDriver(engine);
  return {
    metricsUrl: `${server.url}/metrics`,
    engine,
    async stop() {
      driver?.stop();
      engine.stop();
      await server.close();
    },
  };
}
