/**
 * Cluster state for the requested namespaces through the kube adapter: which of them exist,
 * and for those, workloads, services and Istio routing config — all read in parallel.
 */
import "server-only";
import { listNamespaces, type KubeConnection } from "@/server/adapters/kube";
import { listIstioRoutingConfig } from "@/server/adapters/kube/list-istio-config";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";
import type { ClusterState } from "./graph-sources";

export async function readClusterState(connection: KubeConnection, namespaces: readonly string[]): Promise<ClusterState> {
  const existing = new Set((await listNamespaces(connection)).map((n) => n.name));
  const present = namespaces.filter((ns) => existing.has(ns));
  const perNamespace = await Promise.all(
    present.map(async (ns) => {
      const [workloads, services, config] = await Promise.all([listWorkloads(connection, ns), listServices(connection, ns), listIstioRoutingConfig(connection, ns)]);
      return { workloads, services, config };
    }),
  );
  return {
    namespaces: present,
    workloads: perNamespace.flatMap((n) => n.workloads),
    services: perNamespace.flatMap((n) => n.services),
    virtualServices: perNamespace.flatMap((n) => n.config.virtualServices),
    destinationRules: perNamespace.flatMap((n) => n.config.destinationRules),
    serviceEntries: perNamespace.flatMap((n) => n.config.serviceEntries),
  };
}
