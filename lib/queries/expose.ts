/** "Expose this service" (contract: lib/contracts/expose.ts): preview, then apply. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { exposeAppliedSchema, exposePreviewSchema, type ExposeRequest } from "@/lib/contracts/expose";
import { auditKeys } from "./audit";
import { fetchJson } from "./fetch-json";
import { gatewayKeys } from "./gateways";
import { istioObjectKeys } from "./istio-objects";
import { refetchAfterMeshChange } from "./mesh-changed";

const url = (namespace: string, service: string) =>
  `/api/expose/${encodeURIComponent(namespace)}/${encodeURIComponent(service)}`;

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

export function usePreviewExpose(namespace: string, service: string) {
  return useMutation({
    mutationFn: (request: ExposeRequest) =>
      fetchJson(`${url(namespace, service)}/preview`, exposePreviewSchema, post(request)),
  });
}

export function useApplyExpose(namespace: string, service: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ExposeRequest) => fetchJson(url(namespace, service), exposeAppliedSchema, post(request)),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: gatewayKeys.all }),
        client.invalidateQueries({ queryKey: istioObjectKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}
