import { queryOptions, useQuery } from "@tanstack/react-query";
import { permissionsSchema, type PermissionName } from "@/lib/contracts/permissions";
import { fetchJson } from "./fetch-json";

export const permissionKeys = {
  all: ["permissions"] as const,
  namespace: (namespace: string) => [...permissionKeys.all, namespace] as const,
};

export const permissionsQuery = (namespace: string) =>
  queryOptions({
    queryKey: permissionKeys.namespace(namespace),
    queryFn: ({ signal }) =>
      fetchJson(`/api/auth/permissions?namespace=${encodeURIComponent(namespace)}`, permissionsSchema, { signal }),
    // The server keeps its answers 30 s too: a granted role shows within a minute.
    staleTime: 30_000,
  });

/**
 * Whether the viewer may make a kind of change in `namespace`, for showing its buttons.
 * False while the answer is loading or failed: a button that would be refused is not shown,
 * and the server refuses what is not allowed regardless.
 */
export function useCan(namespace: string | undefined, permission: PermissionName): boolean {
  return useCanAll(namespace)([permission]);
}

/** The same answer for several permissions at once, for lists of actions (the graph's node menu). */
export function useCanAll(namespace: string | undefined): (permissions: readonly PermissionName[]) => boolean {
  const { data } = useQuery({ ...permissionsQuery(namespace ?? ""), enabled: Boolean(namespace) });
  return (permissions) => permissions.every((permission) => data?.allowed[permission] === true);
}
