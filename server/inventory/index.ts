/**
 * server/inventory: applications, workloads and services with health and the Istio config
 * that refers to them — wired here to the live cluster and Prometheus. Everything below
 * this file takes its I/O as parameters (load-inventory.ts).
 */
import "server-only";
import type { ApplicationDetail, ApplicationList, InventoryKind, ServiceDetail, ServiceList, Traffic, WorkloadDetail, WorkloadList } from "@/lib/contracts/inventory";
import { getKubeConnection } from "@/server/adapters/kube";
import { getPrometheusClient, queryVector } from "@/server/adapters/prometheus";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { KubeApiError, TopsailError } from "@/server/errors";
import { createValidationContext, loadValidationContext, type ValidationContext } from "@/server/validation";
import { applicationDetail, serviceDetail, workloadDetail } from "./build-details";
import { loadInventory, shareFor, type InventoryDeps, type LoadedInventory } from "./load-inventory";
import { readNamespaceObjects } from "./read-namespace-objects";
import { readTraffic } from "./read-traffic";

const CONTEXT_TTL_MS = 3000;
const contexts = new Map<string, () => Promise<ValidationContext>>();
// One cluster-wide read serves every namespace of an Overview; a user who may not list
// cluster-wide gets the narrowed read of loadValidationContext, per namespace.
const clusterContext = shareFor(CONTEXT_TTL_MS, async () => createValidationContext(await listMeshInventory(getKubeConnection())));

function namespaceContext(namespace: string): Promise<ValidationContext> {
  let load = contexts.get(namespace);
  if (!load) contexts.set(namespace, (load = shareFor(CONTEXT_TTL_MS, () => loadValidationContext(getKubeConnection(), [namespace]))));
  return load();
}

export function liveInventoryDeps(): InventoryDeps {
  return {
    readObjects: (namespace) => readNamespaceObjects(getKubeConnection(), namespace),
    queryVector: (promql) => queryVector(getPrometheusClient(), promql, new Date()),
    loadContext: (namespace) =>
      clusterContext().catch((error: unknown) => {
        if (error instanceof KubeApiError && error.status === 403) return namespaceContext(namespace);
        throw error;
      }),
  };
}

export function loadLiveInventory(namespace: string): Promise<LoadedInventory> {
  return loadInventory(liveInventoryDeps(), namespace);
}

type ListOf = { applications: ApplicationList; workloads: WorkloadList; services: ServiceList };

export async function listInventory<K extends InventoryKind>(kind: K, namespace: string): Promise<ListOf[K]> {
  const { inventory, metricsError } = await loadLiveInventory(namespace);
  return { namespace, items: inventory[kind], ...(metricsError ? { metricsError } : {}) } as ListOf[K];
}

type DetailOf = { applications: ApplicationDetail; workloads: WorkloadDetail; services: ServiceDetail };

const detailBuilders = { applications: applicationDetail, workloads: workloadDetail, services: serviceDetail } as const;

export async function getInventoryDetail<K extends InventoryKind>(kind: K, namespace: string, name: string): Promise<DetailOf[K]> {
  const { inventory, config, metricsError } = await loadLiveInventory(namespace);
  const detail = detailBuilders[kind](inventory, name, config);
  if (!detail) throw new TopsailError("not_found", `There is no ${kind.replace(/s$/, "")} ${name} in namespace ${namespace}.`);
  return { ...detail, ...(metricsError ? { metricsError } : {}) } as DetailOf[K];
}

export function getTraffic(kind: InventoryKind, namespace: string, name: string, windowSeconds: number): Promise<Traffic> {
  return readTraffic((promql) => queryVector(getPrometheusClient(), promql, new Date()), { kind, namespace, name }, windowSeconds);
}

export type { NamespaceInventory } from "./build-inventory";
export { injectionStateOf } from "./build-details";
