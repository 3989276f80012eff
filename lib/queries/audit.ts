import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  auditEntryDetailSchema,
  auditListSchema,
  defaultAuditPageSize,
  rollbackPreviewSchema,
  rollbackResultSchema,
  type RollbackRequest,
} from "@/lib/contracts/audit";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { fetchJson } from "./fetch-json";
import { refetchAfterMeshChange } from "./mesh-changed";

/** The audit page's filters, as they appear in its URL (the namespaces are the top bar's `?namespaces=`). */
export interface AuditFilters {
  kind?: string;
  name?: string;
  actor?: string;
  source?: string;
  status?: string;
  since?: string;
  until?: string;
}

/** One page of the list: the filters, the selected namespaces (none: every one) and where the page starts. */
export interface AuditPageRequest {
  filters: AuditFilters;
  namespaces: string[];
  /** The previous page's `nextCursor`; undefined for the newest entries. */
  cursor?: string;
  limit?: number;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (page: AuditPageRequest) => [...auditKeys.all, "list", page] as const,
  entry: (id: string) => [...auditKeys.all, "entry", id] as const,
};

export function auditListUrl(page: AuditPageRequest): string {
  const params = new URLSearchParams(
    Object.entries({
      ...page.filters,
      namespaces: formatNamespaceParam(page.namespaces),
      cursor: page.cursor,
      limit: String(page.limit ?? defaultAuditPageSize),
    }).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  return `/api/audit?${params}`;
}

export const auditListQuery = (page: AuditPageRequest) =>
  queryOptions({
    queryKey: auditKeys.list(page),
    queryFn: ({ signal }) => fetchJson(auditListUrl(page), auditListSchema, { signal }),
    placeholderData: keepPreviousData,
    // External changes arrive without anyone on this page doing anything.
    refetchInterval: 10_000,
  });

export function useAuditList(page: AuditPageRequest) {
  return useQuery(auditListQuery(page));
}

export function useAuditEntry(id: string | undefined) {
  return useQuery({
    queryKey: auditKeys.entry(id ?? ""),
    queryFn: ({ signal }) =>
      fetchJson(`/api/audit/${encodeURIComponent(id ?? "")}`, auditEntryDetailSchema, { signal }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** What a rollback would write (the write path's dry-run); nothing is written. */
export function usePreviewRollback(id: string) {
  return useMutation({
    mutationFn: (request: RollbackRequest) =>
      fetchJson(`/api/audit/${encodeURIComponent(id)}/rollback/preview`, rollbackPreviewSchema, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      }),
  });
}

export function useRollback(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: RollbackRequest) =>
      fetchJson(`/api/audit/${encodeURIComponent(id)}/rollback`, rollbackResultSchema, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      }),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
