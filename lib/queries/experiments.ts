import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  experimentDetailSchema,
  experimentListSchema,
  isActiveStatus,
  type CreateExperimentRequest,
  type ExperimentCommand,
} from "@/lib/contracts/experiments";
import { fetchJson } from "./fetch-json";
import { refetchAfterMeshChange } from "./mesh-changed";

export const experimentKeys = {
  all: ["experiments"] as const,
  list: (filter: { namespace?: string; service?: string }) => [...experimentKeys.all, "list", filter] as const,
  detail: (id: string) => [...experimentKeys.all, "detail", id] as const,
};

/** How often a live experiment is re-read: the runner ticks every few seconds. */
const LIVE_REFRESH_MS = 2000;

export const experimentListQuery = (filter: { namespace?: string; service?: string } = {}) =>
  queryOptions({
    queryKey: experimentKeys.list(filter),
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(
        Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
      );
      return fetchJson(`/api/experiments${params.size > 0 ? `?${params}` : ""}`, experimentListSchema, { signal });
    },
    refetchInterval: (query) =>
      query.state.data?.items.some((e) => isActiveStatus(e.status)) ? LIVE_REFRESH_MS : 10_000,
  });

export function useExperiments(filter: { namespace?: string; service?: string } = {}) {
  return useQuery(experimentListQuery(filter));
}

export const experimentQuery = (id: string) =>
  queryOptions({
    queryKey: experimentKeys.detail(id),
    queryFn: ({ signal }) =>
      fetchJson(`/api/experiments/${encodeURIComponent(id)}`, experimentDetailSchema, { signal }),
    // Poll while it runs; a finished experiment no longer changes.
    refetchInterval: (query) =>
      query.state.data && !isActiveStatus(query.state.data.status) ? false : LIVE_REFRESH_MS,
  });

export function useExperiment(id: string) {
  return useQuery(experimentQuery(id));
}

const post = (body?: unknown): RequestInit =>
  body === undefined
    ? { method: "POST" }
    : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };

export function useCreateExperiment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateExperimentRequest) =>
      fetchJson("/api/experiments", experimentDetailSchema, post(request)),
    onSuccess: (detail) => {
      client.setQueryData(experimentKeys.detail(detail.id), detail);
      return Promise.all([
        client.invalidateQueries({ queryKey: [...experimentKeys.all, "list"] }),
        refetchAfterMeshChange(client),
      ]);
    },
  });
}

export function useExperimentCommand(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (command: ExperimentCommand) =>
      fetchJson(`/api/experiments/${encodeURIComponent(id)}/${command}`, experimentDetailSchema, post()),
    onSuccess: (detail) => {
      client.setQueryData(experimentKeys.detail(id), detail);
      return refetchAfterMeshChange(client);
    },
    onSettled: () => client.invalidateQueries({ queryKey: experimentKeys.all }),
  });
}
