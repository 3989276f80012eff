import { queryOptions, useQuery } from "@tanstack/react-query";
import { namespaceListSchema } from "@/lib/contracts/namespaces";
import { fetchJson } from "./fetch-json";

export const namespaceKeys = { all: ["namespaces"] as const };

export const namespacesQuery = () =>
  queryOptions({
    queryKey: namespaceKeys.all,
    queryFn: () => fetchJson("/api/namespaces", namespaceListSchema),
    staleTime: 30_000,
  });

export function useNamespaces() {
  return useQuery(namespacesQuery());
}
