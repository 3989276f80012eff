/** Test support: the default scenario's snapshot, plus extra YAML applied on top. */
import { ConfigWatcher } from "../config/config-watcher";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";
import { applyYaml, createDefaultScenarioStore } from "./scenario-store";

export function snapshotWith(yaml = ""): ConfigSnapshot {
  const store = createDefaultScenarioStore();
  if (yaml) applyYaml(store, yaml);
  const watcher = new ConfigWatcher(store);
  const snapshot = watcher.current();
  watcher.stop();
  return snapshot;
}

/** A deterministic `random()` cycling through the given values. */
export function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length] as number;
}
