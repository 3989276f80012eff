import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { overviewSchema } from "@/lib/contracts/overview";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { fetchJson } from "./fetch-json";

export const overviewKeys = {
  all: ["overview"] as const,
  view: (namespaces: string[]) => [...overviewKeys.all, formatNamespaceParam(namespaces)] as const,
};

export const overviewQuery = (namespaces: string[]) =>
  queryOptions({
    queryKey: overviewKeys.view(namespaces),
    queryFn: ({ signal }) => {
      const param = formatNamespaceParam(namespaces);
      return fetchJson(`/api/overview${param ? `?namespaces=${param}` : ""}`, overviewSchema, { signal });
    },
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });

export function useOverview(namespaces: string[]) {
  return useQuery(overviewQuery(namespaces));
}
