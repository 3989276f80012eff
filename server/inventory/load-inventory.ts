/**
 * Loads one namespace's inventory: its core objects, the health query and the cluster's
 * Istio config (the validation context, read once and shared by the requests of a few
 * seconds — a list page asks for several namespaces at once). I/O comes in as deps.
 */
import "server-only";
import type { ValidationContext } from "@/server/validation";
import { PrometheusError } from "@/server/errors";
import type { PromSample } from "@/server/adapters/prometheus";
import { buildInventory, type NamespaceInventory } from "./build-inventory";
import { createConfigIndex, type ConfigIndex } from "./config-refs";
import { rollUpInbound } from "./health";
import { buildHealthQuery } from "./inventory-queries";
import type { NamespaceObjects } from "./read-namespace-objects";

export interface InventoryDeps {
  readObjects(namespace: string): Promise<NamespaceObjects>;
  queryVector(promql: string): Promise<PromSample[]>;
  loadContext(namespace: string): Promise<ValidationContext>;
}

export interface LoadedInventory {
  inventory: NamespaceInventory;
  config: ConfigIndex;
  /** Prometheus did not answer: health is judged on replicas alone. */
  metricsError?: string;
}

export async function loadInventory(deps: InventoryDeps, namespace: string): Promise<LoadedInventory> {
  const [objects, context, samples] = await Promise.all([
    deps.readObjects(namespace),
    deps.loadContext(namespace),
    deps.queryVector(buildHealthQuery(namespace)).catch((error: unknown) => {
      // The inventory is still worth showing without Prometheus; other failures are bugs to surface.
      if (error instanceof PrometheusError) return error;
      throw error;
    }),
  ]);
  const config = createConfigIndex(context);
  const metricsError = samples instanceof PrometheusError ? samples.message : undefined;
  const inventory = buildInventory(
    objects,
    samples instanceof PrometheusError ? undefined : rollUpInbound(samples),
    config,
  );
  return { inventory, config, ...(metricsError ? { metricsError } : {}) };
}
