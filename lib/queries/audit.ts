import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  auditEntryDetailSchema,
  auditListSchema,
  rollbackResultSchema,
  type RollbackRequest,
} from "@/lib/contracts/audit";
import { fetchJson } from "./fetch-json";

/** The audit page's filters, as they appear in its URL. */
export interface AuditFilters {
  namespace?: string;
  kind?: string;
  name?: string;
  actor?: string;
  source?: string;
  status?: string;
  since?: string;
  until?: string;
}

export const auditKeys = {
  all: ["audit"] as const,
  list: (f: AuditFilters) => [...auditKeys.all, "list", f] as const,
  entry: (id: string) => [...auditKeys.all, "entry", id] as const,
};

export function auditListUrl(f: AuditFilters): string {
  const params = new URLSearchParams(
    Object.entries(f).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const query = params.toString();
  return `/api/audit${query ? `?${query}` : ""}`;
}

export const auditListQuery = (f: AuditFilters) =>
  queryOptions({
    queryKey: auditKeys.list(f),
    queryFn: ({ signal }) => fetchJson(auditListUrl(f), auditListSchema, { signal }),
    placeholderData: keepPreviousData,
    // External changes arrive without anyone on this page doing anything.
    refetchInterval: 10_000,
  });

export function useAuditList(f: AuditFilters) {
  return useQuery(auditListQuery(f));
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

export function useRollback(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: RollbackRequest) =>
      fetchJson(`/api/audit/${encodeURIComponent(id)}/rollback`, rollbackResultSchema, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
      }),
    onSettled: () => client.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
