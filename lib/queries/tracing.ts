import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { InventoryKind } from "@/lib/contracts/inventory";
import { traceDetailSchema, traceListResponseSchema, tracingStatusSchema } from "@/lib/contracts/tracing";
import { fetchJson } from "./fetch-json";

export interface TraceListParams {
  kind: InventoryKind;
  namespace: string;
  name: string;
  /** Seconds back from now. */
  range: number;
  /** Milliseconds. */
  minDuration?: number;
  errorsOnly: boolean;
  /** `key=value` pairs separated by spaces, as typed. */
  tags: string;
  limit?: number;
}

export interface RequestLookupParams {
  requestId: string;
  namespace: string;
  workload: string;
}

export const tracingKeys = {
  all: ["tracing"] as const,
  status: () => [...tracingKeys.all, "status"] as const,
  list: (p: TraceListParams) =>
    [
      ...tracingKeys.all,
      "list",
      p.kind,
      p.namespace,
      p.name,
      p.range,
      p.minDuration,
      p.errorsOnly,
      p.tags,
      p.limit,
    ] as const,
  trace: (traceId: string) => [...tracingKeys.all, "trace", traceId] as const,
  request: (p: RequestLookupParams) => [...tracingKeys.all, "request", p.requestId, p.namespace, p.workload] as const,
};

const path = (s: string) => encodeURIComponent(s);

export function traceListUrl(p: TraceListParams): string {
  const params = new URLSearchParams({ range: String(p.range) });
  if (p.minDuration !== undefined && p.minDuration > 0) params.set("minDuration", String(p.minDuration));
  if (p.errorsOnly) params.set("errorsOnly", "true");
  if (p.tags.trim()) params.set("tags", p.tags.trim());
  if (p.limit !== undefined) params.set("limit", String(p.limit));
  return `/api/namespaces/${path(p.namespace)}/${p.kind}/${path(p.name)}/traces?${params.toString()}`;
}

export const tracingStatusQuery = () =>
  queryOptions({
    queryKey: tracingKeys.status(),
    queryFn: ({ signal }) => fetchJson("/api/tracing/status", tracingStatusSchema, { signal }),
    // The setting is read once at start: it changes only with a restart.
    staleTime: Infinity,
  });

export function useTracingStatus(enabled = true) {
  return useQuery({ ...tracingStatusQuery(), enabled });
}

export const traceListQuery = (p: TraceListParams) =>
  queryOptions({
    queryKey: tracingKeys.list(p),
    queryFn: ({ signal }) => fetchJson(traceListUrl(p), traceListResponseSchema, { signal }),
    refetchInterval: 30_000,
    placeholderData: keepPreviousData,
  });

export function useTraceList(p: TraceListParams, enabled = true) {
  return useQuery({ ...traceListQuery(p), enabled });
}

export const traceQuery = (traceId: string) =>
  queryOptions({
    queryKey: tracingKeys.trace(traceId),
    queryFn: ({ signal }) => fetchJson(`/api/traces/${path(traceId)}`, traceDetailSchema, { signal }),
    // A finished trace does not change; a fresh one may still be gaining late spans.
    staleTime: 60_000,
  });

export function useTrace(traceId: string, enabled = true) {
  return useQuery({ ...traceQuery(traceId), enabled: enabled && traceId !== "" });
}

export const traceByRequestQuery = (p: RequestLookupParams) =>
  queryOptions({
    queryKey: tracingKeys.request(p),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/traces/request/${path(p.requestId)}?namespace=${path(p.namespace)}&workload=${path(p.workload)}`,
        traceDetailSchema,
        { signal },
      ),
    staleTime: 60_000,
  });

export function useTraceByRequest(p: RequestLookupParams, enabled = true) {
  return useQuery({ ...traceByRequestQuery(p), enabled });
}
