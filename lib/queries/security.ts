import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  appliedPolicySchema,
  authorizationPolicyDetailSchema,
  authorizationReplaySchema,
  generatedPolicySchema,
  securityStateSchema,
  type ApplyPolicyRequest,
  type GenerateRequest,
  type ReplayRequest,
} from "@/lib/contracts/security";
import { wizardPreviewSchema } from "@/lib/contracts/traffic";
import { auditKeys } from "./audit";
import { fetchJson } from "./fetch-json";
import { istioObjectKeys } from "./istio-objects";
import { refetchAfterMeshChange } from "./mesh-changed";

export const securityKeys = {
  all: ["security"] as const,
  namespace: (namespace: string) => [...securityKeys.all, namespace] as const,
};

export const securityStateQuery = (namespace: string) =>
  queryOptions({
    queryKey: securityKeys.namespace(namespace),
    queryFn: ({ signal }) =>
      fetchJson(`/api/security/${encodeURIComponent(namespace)}`, securityStateSchema, { signal }),
  });

export function useSecurityState(namespace: string) {
  return useQuery(securityStateQuery(namespace));
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

/** Replays are questions about the past window, asked on demand: mutations, never cached. */
export function useReplayAuthorization() {
  return useMutation({
    mutationFn: (request: ReplayRequest) =>
      fetchJson("/api/security/authorization/replay", authorizationReplaySchema, post(request)),
  });
}

export function useGenerateAllowObserved() {
  return useMutation({
    mutationFn: (request: GenerateRequest) =>
      fetchJson("/api/security/authorization/generate", generatedPolicySchema, post(request)),
  });
}

export function usePreviewPolicy() {
  return useMutation({
    mutationFn: (request: ApplyPolicyRequest) =>
      fetchJson("/api/security/authorization/preview", wizardPreviewSchema, post(request)),
  });
}

export function useApplyPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: ApplyPolicyRequest) =>
      fetchJson("/api/security/authorization/apply", appliedPolicySchema, post(request)),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: securityKeys.all }),
        client.invalidateQueries({ queryKey: istioObjectKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export const policyDetailKeys = {
  all: [...securityKeys.all, "policy"] as const,
  one: (namespace: string, name: string, windowSeconds: number) =>
    [...policyDetailKeys.all, namespace, name, windowSeconds] as const,
};

export const policyDetailQuery = (namespace: string, name: string, windowSeconds: number) =>
  queryOptions({
    queryKey: policyDetailKeys.one(namespace, name, windowSeconds),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/security/policies/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}?windowSeconds=${windowSeconds}`,
        authorizationPolicyDetailSchema,
        { signal },
      ),
  });

/** One AuthorizationPolicy's detail; its current effect is re-read with the window. */
export function useAuthorizationPolicyDetail(namespace: string, name: string, windowSeconds: number) {
  return useQuery(policyDetailQuery(namespace, name, windowSeconds));
}
