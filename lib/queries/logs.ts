/**
 * The logs API's queries: a workload's logs (refetched while shown), its follow stream
 * (TanStack's streamedQuery over the NDJSON body; unmounting the follower aborts the request,
 * which closes the log requests to the API server) and an edge's access lines.
 */
import {
  experimental_streamedQuery as streamedQuery,
  keepPreviousData,
  queryOptions,
  useQuery,
} from "@tanstack/react-query";
import {
  edgeLogsSchema,
  edgeLogsSearch,
  followEventSchema,
  workloadLogsSchema,
  type EdgeNode,
  type FollowEvent,
  type LogFilter,
} from "@/lib/contracts/logs";
import { ApiError, fetchJson } from "./fetch-json";
import { apiErrorBodySchema } from "@/lib/contracts/errors";

export interface WorkloadLogsParams extends Partial<LogFilter> {
  namespace: string;
  workload: string;
  pod?: string;
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
}

export interface EdgeLogsParams {
  source: EdgeNode;
  dest: EdgeNode;
  code?: string;
  flag?: string;
  minDurationMs?: number;
  sinceSeconds?: number;
}

const path = (s: string) => encodeURIComponent(s);

function searchOf(p: WorkloadLogsParams): string {
  const params = new URLSearchParams();
  const { namespace: _ns, workload: _w, ...rest } = p;
  for (const [key, value] of Object.entries(rest))
    if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}

const workloadUrl = (p: WorkloadLogsParams, suffix = "") =>
  `/api/logs/workloads/${path(p.namespace)}/${path(p.workload)}${suffix}?${searchOf(p)}`;

export const logsKeys = {
  all: ["logs"] as const,
  workload: (p: WorkloadLogsParams) => [...logsKeys.all, "workload", p] as const,
  follow: (p: WorkloadLogsParams) => [...logsKeys.all, "follow", p] as const,
  edge: (p: EdgeLogsParams) => [...logsKeys.all, "edge", p] as const,
};

export const workloadLogsQuery = (p: WorkloadLogsParams) =>
  queryOptions({
    queryKey: logsKeys.workload(p),
    queryFn: ({ signal }) => fetchJson(workloadUrl(p), workloadLogsSchema, { signal }),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });

export function useWorkloadLogs(p: WorkloadLogsParams, enabled = true) {
  return useQuery({ ...workloadLogsQuery(p), enabled });
}

/** The NDJSON body's events, as they arrive; the server's error JSON when it refuses. */
async function* followEvents(url: string, signal: AbortSignal): AsyncGenerator<FollowEvent> {
  const response = await fetch(url, { signal, headers: { Accept: "application/x-ndjson" } });
  if (!response.ok || !response.body) {
    const parsed = apiErrorBodySchema.safeParse(await response.json().catch(() => undefined));
    throw parsed.success
      ? new ApiError({ status: response.status, ...parsed.data.error })
      : new ApiError({
          code: "http",
          status: response.status,
          message: `The Topsail server answered HTTP ${response.status}.`,
        });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const parts = (pending + value).split("\n");
    pending = parts.pop() ?? "";
    for (const part of parts) {
      const event = followEventSchema.safeParse(JSON.parse(part));
      if (event.success) yield event.data;
    }
  }
}

/** Follows while mounted and enabled; data is every event so far. */
export function useFollowLogs(p: WorkloadLogsParams, enabled: boolean) {
  return useQuery({
    queryKey: logsKeys.follow(p),
    queryFn: streamedQuery({ streamFn: ({ signal }) => followEvents(workloadUrl(p, "/follow"), signal) }),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export const edgeLogsQuery = (p: EdgeLogsParams) =>
  queryOptions({
    queryKey: logsKeys.edge(p),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/logs/edge?${edgeLogsSearch(p)}${p.sinceSeconds ? `&sinceSeconds=${p.sinceSeconds}` : ""}`,
        edgeLogsSchema,
        { signal },
      ),
    refetchInterval: 15_000,
    placeholderData: keepPreviousData,
  });

export function useEdgeLogs(p: EdgeLogsParams) {
  return useQuery(edgeLogsQuery(p));
}
