/**
 * Cluster state for the requested namespaces, from the cluster cache through the kube
 * adapter: which of them exist, and for those, workloads, services and Istio routing config.
 */
import "server-only";
import type { DestinationRule, ServiceEntry, VirtualService } from "@/lib/istio/types";
import { listNamespaces, type KubeConnection } from "@/server/adapters/kube";
import { listIstioObjects } from "@/server/adapters/kube/istio-objects";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";
import type { ClusterState } from "./graph-sources";

export async function readClusterState(
  connection: KubeConnection,
  namespaces: readonly string[],
): Promise<ClusterState> {
  const existing = new Set((await listNamespaces(connection)).map((n) => n.name));
  const present = namespaces.filter((ns) => existing.has(ns));
  const read = <T>(list: (namespace: string) => Promise<T[]>) =>
    Promise.all(present.map(list)).then((lists) => lists.flat());
  const [workloads, services, virtualServices, destinationRules, serviceEntries] = await Promise.all([
    read((ns) => listWorkloads(connection, ns)),
    read((ns) => listServices(connection, ns)),
    // The objects passed istio-objects.ts's shape check; specs stay as users wrote them,
    // which is what lib/istio's all-optional types describe.
    read(async (ns) => (await listIstioObjects(connection, "VirtualService", ns)) as unknown as VirtualService[]),
    read(async (ns) => (await listIstioObjects(connection, "DestinationRule", ns)) as unknown as DestinationRule[]),
    read(async (ns) => (await listIstioObjects(connection, "ServiceEntry", ns)) as unknown as ServiceEntry[]),
  ]);
  return { namespaces: present, workloads, services, virtualServices, destinationRules, serviceEntries };
}
