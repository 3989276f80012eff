/**
 * server/inventory: applications, workloads and services with health and the Istio config
 * that refers to them — wired here to the live cluster and Prometheus. Everything below
 * this file takes its I/O as parameters (load-inventory.ts).
 */
import "server-only";
import type {
  ApplicationDetail,
  ApplicationList,
  InventoryKind,
  ServiceDetail,
  ServiceList,
  Traffic,
  WorkloadDetail,
  WorkloadList,
} from "@/lib/contracts/inventory";
import { getKubeConnection } from "@/server/adapters/kube";
import { getPrometheusClient, queryVector } from "@/server/adapters/prometheus";
import { INVENTORY_RESOURCES, requireReadable } from "@/server/auth/namespace-visibility";
import { TopsailError } from "@/server/errors";
import { loadValidationContext } from "@/server/validation";
import { applicationDetail, serviceDetail, workloadDetail } from "./build-details";
import { loadInventory, type InventoryDeps, type LoadedInventory } from "./load-inventory";
import { readNamespaceObjects } from "./read-namespace-objects";
import { readTraffic } from "./read-traffic";

export function liveInventoryDeps(): InventoryDeps {
  return {
    readObjects: (namespace) => readNamespaceObjects(getKubeConnection(), namespace),
    queryVector: (promql) => queryVector(getPrometheusClient(), promql, new Date()),
    loadContext: () => loadValidationContext(getKubeConnection()),
  };
}

export function loadLiveInventory(namespace: string): Promise<LoadedInventory> {
  return loadInventory(liveInventoryDeps(), namespace);
}

type ListOf = { applications: ApplicationList; workloads: WorkloadList; services: ServiceList };

/**
 * Lists, details and traffic answer 404 for a namespace the viewer may not see and 403 when they
 * may not list what the page shows there (pods, or services), as kubectl would be answered.
 */
export async function listInventory<K extends InventoryKind>(kind: K, namespace: string): Promise<ListOf[K]> {
  await requireReadable(namespace, INVENTORY_RESOURCES[kind]);
  const { inventory, metricsError } = await loadLiveInventory(namespace);
  return { namespace, items: inventory[kind], ...(metricsError ? { metricsError } : {}) } as ListOf[K];
}

type DetailOf = { applications: ApplicationDetail; workloads: WorkloadDetail; services: ServiceDetail };

const detailBuilders = { applications: applicationDetail, workloads: workloadDetail, services: serviceDetail } as const;

export async function getInventoryDetail<K extends InventoryKind>(
  kind: K,
  namespace: string,
  name: string,
): Promise<DetailOf[K]> {
  await requireReadable(namespace, INVENTORY_RESOURCES[kind]);
  const { inventory, config, metricsError } = await loadLiveInventory(namespace);
  const detail = detailBuilders[kind](inventory, name, config);
  if (!detail)
    throw new TopsailError("not_found", `There is no ${kind.replace(/s$/, "")} ${name} in namespace ${namespace}.`);
  return { ...detail, ...(metricsError ? { metricsError } : {}) } as DetailOf[K];
}

export async function getTraffic(
  kind: InventoryKind,
  namespace: string,
  name: string,
  windowSeconds: number,
): Promise<Traffic> {
  await requireReadable(namespace, INVENTORY_RESOURCES[kind]);
  return readTraffic(
    (promql) => queryVector(getPrometheusClient(), promql, new Date()),
    { kind, namespace, name },
    windowSeconds,
  );
}

export type { NamespaceInventory } from "./build-inventory";
export { injectionStateOf } from "./build-details";
