/** The Egress page's query (contract: lib/contracts/egress.ts). */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { egressViewSchema } from "@/lib/contracts/egress";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { fetchJson } from "./fetch-json";

export const egressKeys = {
  all: ["egress"] as const,
  view: (namespaces: string[]) => [...egressKeys.all, "view", formatNamespaceParam(namespaces)] as const,
};

export const egressQuery = (namespaces: string[]) =>
  queryOptions({
    queryKey: egressKeys.view(namespaces),
    queryFn: ({ signal }) =>
      fetchJson(`/api/egress?namespaces=${encodeURIComponent(formatNamespaceParam(namespaces))}`, egressViewSchema, {
        signal,
      }),
    enabled: namespaces.length > 0,
    placeholderData: keepPreviousData,
  });

export function useEgress(namespaces: string[]) {
  return useQuery(egressQuery(namespaces));
}
