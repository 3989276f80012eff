import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { InventoryKind } from "@/lib/contracts/inventory";
import { metricsResponseSchema, type MetricDirection } from "@/lib/contracts/metrics";
import { fetchJson } from "./fetch-json";

export interface MetricsParams {
  kind: InventoryKind;
  namespace: string;
  name: string;
  direction: MetricDirection;
  /** Seconds. */
  range: number;
}

export const metricsKeys = {
  all: ["metrics"] as const,
  item: (p: MetricsParams) => [...metricsKeys.all, p.kind, p.namespace, p.name, p.direction, p.range] as const,
};

const path = (s: string) => encodeURIComponent(s);

export const metricsQuery = (p: MetricsParams) =>
  queryOptions({
    queryKey: metricsKeys.item(p),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/namespaces/${path(p.namespace)}/${p.kind}/${path(p.name)}/metrics?direction=${p.direction}&range=${p.range}`,
        metricsResponseSchema,
        { signal },
      ),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });

export function useMetrics(p: MetricsParams, enabled = true) {
  return useQuery({ ...metricsQuery(p), enabled });
}
