import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { changeListSchema, type ChangeTargetKind } from "@/lib/contracts/changes";
import { fetchJson } from "./fetch-json";

/**
 * Which changes: a namespace's, or those touching one of its services, workloads or apps; over
 * the last `seconds` (what a chart shows, recomputed at each fetch so the window follows now)
 * or between two instants (unix seconds).
 */
export interface ChangesParams {
  namespace: string;
  target?: { kind: ChangeTargetKind; name: string };
  window: { last: number } | { from: number; to: number };
}

export const changesKeys = {
  all: ["changes"] as const,
  list: (p: ChangesParams) => [...changesKeys.all, p.namespace, p.target ?? null, p.window] as const,
};

export function changesUrl(p: ChangesParams, nowSeconds = Math.floor(Date.now() / 1000)): string {
  const { from, to } = "last" in p.window ? { from: nowSeconds - p.window.last, to: undefined } : p.window;
  const params = new URLSearchParams({ from: String(from) });
  if (to !== undefined) params.set("to", String(to));
  if (p.target) params.set(p.target.kind, p.target.name);
  return `/api/namespaces/${encodeURIComponent(p.namespace)}/changes?${params}`;
}

export const changesQuery = (p: ChangesParams) =>
  queryOptions({
    queryKey: changesKeys.list(p),
    queryFn: ({ signal }) => fetchJson(changesUrl(p), changeListSchema, { signal }),
    placeholderData: keepPreviousData,
    // Faster than the charts (lib/queries/metrics.ts, 30 s): a kubectl change shows by their next refresh.
    refetchInterval: 10_000,
  });

export function useChanges(p: ChangesParams, enabled = true) {
  return useQuery({ ...changesQuery(p), enabled });
}
