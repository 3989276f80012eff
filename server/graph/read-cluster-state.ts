/**
 * Cluster state for the requested namespaces through the kube adapter: which of them exist,
 * and for those, workloads, services and Istio routing config, read in parallel.
 *
 * A few namespaces are read one by one (six lists each); many are read with cluster-wide
 * lists filtered here — six requests instead of six per namespace, which matters at 20+
 * namespaces. A user whose RBAC forbids cluster-wide lists falls back to per-namespace reads.
 */
import "server-only";
import { listNamespaces, type KubeConnection } from "@/server/adapters/kube";
import { listIstioRoutingConfig } from "@/server/adapters/kube/list-istio-config";
import { listServices } from "@/server/adapters/kube/list-services";
import { listWorkloads } from "@/server/adapters/kube/list-workloads";
import { KubeApiError } from "@/server/errors";
import type { ClusterState } from "./graph-sources";

/** From this many namespaces on, cluster-wide lists are cheaper than per-namespace ones. */
export const CLUSTER_WIDE_FROM = 4;

async function readScope(connection: KubeConnection, namespace: string | undefined) {
  const [workloads, services, config] = await Promise.all([listWorkloads(connection, namespace), listServices(connection, namespace), listIstioRoutingConfig(connection, namespace)]);
  return { workloads, services, ...config };
}

type Scope = Awaited<ReturnType<typeof readScope>>;

async function readScopes(connection: KubeConnection, namespaces: readonly string[]): Promise<Scope[]> {
  if (namespaces.length >= CLUSTER_WIDE_FROM) {
    try {
      return [await readScope(connection, undefined)];
    } catch (error) {
      if (!(error instanceof KubeApiError && error.status === 403)) throw error;
    }
  }
  return Promise.all(namespaces.map((ns) => readScope(connection, ns)));
}

export async function readClusterState(connection: KubeConnection, namespaces: readonly string[]): Promise<ClusterState> {
  const existing = new Set((await listNamespaces(connection)).map((n) => n.name));
  const present = namespaces.filter((ns) => existing.has(ns));
  const wanted = new Set(present);
  const scopes = await readScopes(connection, present);
  const inWanted = <T extends { namespace?: string; metadata?: { namespace?: string } }>(items: T[]) => items.filter((i) => wanted.has(i.namespace ?? i.metadata?.namespace ?? ""));
  return {
    namespaces: present,
    workloads: inWanted(scopes.flatMap((s) => s.workloads)),
    services: inWanted(scopes.flatMap((s) => s.services)),
    virtualServices: inWanted(scopes.flatMap((s) => s.virtualServices)),
    destinationRules: inWanted(scopes.flatMap((s) => s.destinationRules)),
    serviceEntries: inWanted(scopes.flatMap((s) => s.serviceEntries)),
  };
}
