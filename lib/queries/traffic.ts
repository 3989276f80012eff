import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  trafficStateSchema,
  wizardAppliedSchema,
  wizardPreviewSchema,
  type WizardId,
  type WizardRequest,
} from "@/lib/contracts/traffic";
import { auditKeys } from "./audit";
import { fetchJson } from "./fetch-json";
import { refetchAfterMeshChange } from "./mesh-changed";

export const trafficKeys = {
  all: ["traffic"] as const,
  service: (namespace: string, service: string) => [...trafficKeys.all, namespace, service] as const,
};

const base = (namespace: string, service: string) =>
  `/api/traffic/${encodeURIComponent(namespace)}/${encodeURIComponent(service)}`;

export const trafficStateQuery = (namespace: string, service: string) =>
  queryOptions({
    queryKey: trafficKeys.service(namespace, service),
    queryFn: ({ signal }) => fetchJson(base(namespace, service), trafficStateSchema, { signal }),
    // A wizard starts from what is live; never from a cached copy someone has since changed.
    staleTime: 0,
    gcTime: 0,
  });

export function useTrafficState(namespace: string, service: string, enabled = true) {
  return useQuery({ ...trafficStateQuery(namespace, service), enabled });
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

export function usePreviewWizard<W extends WizardId>(namespace: string, service: string, wizard: W) {
  return useMutation({
    mutationFn: (request: WizardRequest<W>) =>
      fetchJson(`${base(namespace, service)}/${wizard}/preview`, wizardPreviewSchema, post(request)),
  });
}

export function useApplyWizard<W extends WizardId>(namespace: string, service: string, wizard: W) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: WizardRequest<W>) =>
      fetchJson(`${base(namespace, service)}/${wizard}`, wizardAppliedSchema, post(request)),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: trafficKeys.service(namespace, service) }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}
