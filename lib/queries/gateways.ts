/** The Gateways pages' queries (contract: lib/contracts/gateways.ts). */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { gatewayDetailSchema, gatewayListSchema } from "@/lib/contracts/gateways";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { fetchJson } from "./fetch-json";

export const gatewayKeys = {
  all: ["gateways"] as const,
  list: (namespaces: string[]) => [...gatewayKeys.all, "list", formatNamespaceParam(namespaces)] as const,
  detail: (namespace: string, name: string) => [...gatewayKeys.all, "detail", namespace, name] as const,
};

export const gatewayListQuery = (namespaces: string[]) =>
  queryOptions({
    queryKey: gatewayKeys.list(namespaces),
    queryFn: ({ signal }) =>
      fetchJson(`/api/gateways?namespaces=${encodeURIComponent(formatNamespaceParam(namespaces))}`, gatewayListSchema, {
        signal,
      }),
    enabled: namespaces.length > 0,
    placeholderData: keepPreviousData,
  });

export function useGateways(namespaces: string[]) {
  return useQuery(gatewayListQuery(namespaces));
}

export const gatewayDetailQuery = (namespace: string, name: string) =>
  queryOptions({
    queryKey: gatewayKeys.detail(namespace, name),
    queryFn: ({ signal }) =>
      fetchJson(`/api/gateways/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`, gatewayDetailSchema, {
        signal,
      }),
  });

export function useGatewayDetail(namespace: string, name: string) {
  return useQuery(gatewayDetailQuery(namespace, name));
}
