/**
 * Test support: an engine over the default scenario, with only the load a test asks for
 * (every entry point defaults to 0), plus helpers to change config and read /metrics.
 */
import { MeshEngine } from "../engine/mesh-engine";
import { ENTRY_POINTS, type LoadOverrides } from "../load/load-settings";
import type { StoreClient } from "../../store/types";
import type { ProxyRecordSink } from "../telemetry/proxy-record";
import { parseMetrics, type Sample } from "./parse-metrics";
import { applyYaml, createDefaultScenarioStore } from "./scenario-store";

export interface Harness {
  store: StoreClient;
  engine: MeshEngine;
  apply(yaml: string): void;
  run(ms: number): void;
  samples(): Sample[];
}

export function startHarness(load: LoadOverrides, seed = 42, proxyRecords?: ProxyRecordSink): Harness {
  const store = createDefaultScenarioStore();
  const quiet: LoadOverrides = Object.fromEntries(
    ENTRY_POINTS.map((name) => [name, { requestsPerSecond: 0, connections: 0, ...(load[name] ?? {}) }]),
  );
  const engine = new MeshEngine({ store, seed, load: quiet, ...(proxyRecords ? { proxyRecords } : {}) });
  return {
    store,
    engine,
    apply: (yaml) => applyYaml(store, yaml),
    run: (ms) => engine.advanceBy(ms),
    samples: () => parseMetrics(engine.renderMetrics()),
  };
}
