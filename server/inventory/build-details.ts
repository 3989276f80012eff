/**
 * The detail pages' data, cut from a namespace's inventory (pure): the item, its pods with
 * containers and sidecar, and the DestinationRule subsets of its services with the
 * workloads each subset selects (a subset selecting none is what makes 503 UH).
 */
import "server-only";
import type { ApplicationDetail, PodInfo, ServiceDetail, SubsetInfo, WorkloadDetail } from "@/lib/contracts/inventory";
import type { InjectionState } from "@/lib/contracts/overview";
import { labelsMatch } from "@/server/validation/labels";
import type { NamespaceInventory } from "./build-inventory";
import { destinationRulesOf, serviceHost, type ConfigIndex } from "./config-refs";
import { SIDECAR_CONTAINER } from "./read-namespace-objects";

export function injectionStateOf(labels: Record<string, string>): InjectionState {
  const label = labels["istio-injection"];
  if (label === undefined) return "unset";
  return label === "enabled" ? "enabled" : "disabled";
}

function podsOf(inventory: NamespaceInventory, workloads: readonly string[]): PodInfo[] {
  return inventory.objects.pods
    .filter((p) => workloads.includes(p.workload))
    .map((p) => ({
      name: p.name,
      workload: p.workload,
      phase: p.phase,
      ready: p.ready,
      hasSidecar: p.hasSidecar,
      optsOutOfInjection: p.optsOutOfInjection,
      createdAt: p.createdAt,
      labels: p.labels,
      containers: p.containers.map((c) => ({ ...c, sidecar: c.name === SIDECAR_CONTAINER })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function subsetsOf(inventory: NamespaceInventory, services: readonly string[], config: ConfigIndex): SubsetInfo[] {
  return services.flatMap((svc) =>
    destinationRulesOf(serviceHost(inventory.namespace, svc, config.context), config.context).flatMap((dr) =>
      (dr.spec?.subsets ?? []).map((s) => ({
        destinationRule: `${dr.metadata.namespace ?? ""}/${dr.metadata.name ?? ""}`,
        host: dr.spec?.host ?? "",
        name: s.name ?? "",
        labels: s.labels ?? {},
        workloads: inventory.workloads
          .filter((w) => w.services.includes(svc) && labelsMatch(s.labels ?? {}, w.labels))
          .map((w) => w.name),
      })),
    ),
  );
}

export function workloadDetail(
  inventory: NamespaceInventory,
  name: string,
  config: ConfigIndex,
): WorkloadDetail | undefined {
  const item = inventory.workloads.find((w) => w.name === name);
  if (!item) return undefined;
  return {
    item,
    resourceVersion: inventory.objects.deployments.find((d) => d.name === name)?.resourceVersion,
    pods: podsOf(inventory, [name]),
    subsets: subsetsOf(inventory, item.services, config).filter((s) => s.workloads.includes(name)),
    namespaceInjection: injectionStateOf(inventory.objects.namespace.labels),
  };
}

export function serviceDetail(
  inventory: NamespaceInventory,
  name: string,
  config: ConfigIndex,
): ServiceDetail | undefined {
  const item = inventory.services.find((s) => s.name === name);
  if (!item) return undefined;
  return {
    item,
    workloadItems: inventory.workloads.filter((w) => item.workloads.includes(w.name)),
    pods: podsOf(inventory, item.workloads),
    subsets: subsetsOf(inventory, [name], config),
    namespaceInjection: injectionStateOf(inventory.objects.namespace.labels),
  };
}

export function applicationDetail(
  inventory: NamespaceInventory,
  name: string,
  config: ConfigIndex,
): ApplicationDetail | undefined {
  const item = inventory.applications.find((a) => a.name === name);
  if (!item) return undefined;
  return {
    item,
    workloadItems: inventory.workloads.filter((w) => item.workloads.includes(w.name)),
    serviceItems: inventory.services.filter((s) => item.services.includes(s.name)),
    pods: podsOf(inventory, item.workloads),
    subsets: subsetsOf(inventory, item.services, config),
    namespaceInjection: injectionStateOf(inventory.objects.namespace.labels),
  };
}
