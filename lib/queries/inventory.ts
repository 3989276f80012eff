import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  applicationDetailSchema,
  applicationListSchema,
  injectionResultSchema,
  serviceDetailSchema,
  serviceListSchema,
  trafficSchema,
  workloadDetailSchema,
  workloadListSchema,
  type InjectionChange,
  type InventoryKind,
} from "@/lib/contracts/inventory";
import { fetchJson } from "./fetch-json";
import { overviewKeys } from "./overview";
import { refetchAfterMeshChange } from "./mesh-changed";

const listSchemas = {
  applications: applicationListSchema,
  workloads: workloadListSchema,
  services: serviceListSchema,
} as const;
const detailSchemas = {
  applications: applicationDetailSchema,
  workloads: workloadDetailSchema,
  services: serviceDetailSchema,
} as const;

export const inventoryKeys = {
  all: ["inventory"] as const,
  list: (kind: InventoryKind, namespace: string) => [...inventoryKeys.all, "list", kind, namespace] as const,
  detail: (kind: InventoryKind, namespace: string, name: string) =>
    [...inventoryKeys.all, "detail", kind, namespace, name] as const,
  traffic: (kind: InventoryKind, namespace: string, name: string, duration: number) =>
    [...inventoryKeys.all, "traffic", kind, namespace, name, duration] as const,
};

const path = (s: string) => encodeURIComponent(s);
/** Pods roll for a while after an injection change: poll often enough to watch it happen. */
const REFRESH_MS = 10_000;

export const inventoryListQuery = <K extends InventoryKind>(kind: K, namespace: string) =>
  queryOptions({
    queryKey: inventoryKeys.list(kind, namespace),
    queryFn: ({ signal }) => fetchJson(`/api/namespaces/${path(namespace)}/${kind}`, listSchemas[kind], { signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });

/** One query per selected namespace, so a slow or failing namespace does not hold the others. */
export function useInventoryLists<K extends InventoryKind>(kind: K, namespaces: string[]) {
  return useQueries({ queries: namespaces.map((ns) => inventoryListQuery(kind, ns)) });
}

/**
 * One namespace's services for a picker (the experiment form): the same cache entry as the
 * inventory list, without its polling — a picker needs the names, not live health.
 */
export function useServiceList(namespace: string, enabled = true) {
  return useQuery({
    queryKey: inventoryKeys.list("services", namespace),
    queryFn: ({ signal }) => fetchJson(`/api/namespaces/${path(namespace)}/services`, serviceListSchema, { signal }),
    enabled,
  });
}

/** One namespace's workloads for a picker (the request explainer's caller): as useServiceList, without polling. */
export function useWorkloadList(namespace: string, enabled = true) {
  return useQuery({
    queryKey: inventoryKeys.list("workloads", namespace),
    queryFn: ({ signal }) => fetchJson(`/api/namespaces/${path(namespace)}/workloads`, workloadListSchema, { signal }),
    enabled,
  });
}

export const inventoryDetailQuery = <K extends InventoryKind>(kind: K, namespace: string, name: string) =>
  queryOptions({
    queryKey: inventoryKeys.detail(kind, namespace, name),
    queryFn: ({ signal }) =>
      fetchJson(`/api/namespaces/${path(namespace)}/${kind}/${path(name)}`, detailSchemas[kind], { signal }),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });

export function useInventoryDetail<K extends InventoryKind>(kind: K, namespace: string, name: string) {
  return useQuery(inventoryDetailQuery(kind, namespace, name));
}

export function useTraffic(kind: InventoryKind, namespace: string, name: string, duration: number, enabled = true) {
  return useQuery({
    queryKey: inventoryKeys.traffic(kind, namespace, name, duration),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/namespaces/${path(namespace)}/${kind}/${path(name)}/traffic?duration=${duration}`,
        trafficSchema,
        { signal },
      ),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type InjectionTarget =
  { kind: "namespace"; namespace: string } | { kind: "workload"; namespace: string; name: string };

const injectionUrl = (t: InjectionTarget) =>
  t.kind === "namespace"
    ? `/api/namespaces/${path(t.namespace)}/sidecar-injection`
    : `/api/namespaces/${path(t.namespace)}/workloads/${path(t.name)}/sidecar-injection`;

/** Sets sidecar injection; the lists, details and overview refetch so the rolling pods show. */
export function useSetInjection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ target, change }: { target: InjectionTarget; change: InjectionChange }) =>
      fetchJson(injectionUrl(target), injectionResultSchema, {
        method: "PATCH",
        body: JSON.stringify(change),
        headers: { "Content-Type": "application/json" },
      }),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: inventoryKeys.all }),
        client.invalidateQueries({ queryKey: overviewKeys.all }),
      ]),
  });
}
