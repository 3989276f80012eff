/**
 * The Istio config pages' queries and mutations (contract: lib/contracts/istio-objects.ts).
 * Writes invalidate every istio-objects key, so the list and the detail show the new state.
 */
import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import {
  applyResponseSchema,
  istioObjectDetailSchema,
  istioObjectListSchema,
  previewResponseSchema,
  rebaseResponseSchema,
  validateYamlResponseSchema,
  type ObjectRef,
  type RebaseRequest,
  type ValidateYamlRequest,
  type WriteRequest,
} from "@/lib/contracts/istio-objects";
import { formatNamespaceParam } from "@/lib/namespace-param";
import { fetchJson } from "./fetch-json";
import { refetchAfterMeshChange } from "./mesh-changed";

export const istioObjectKeys = {
  all: ["istio-objects"] as const,
  list: (namespaces: string[]) => [...istioObjectKeys.all, "list", formatNamespaceParam(namespaces)] as const,
  detail: (ref: ObjectRef) =>
    [...istioObjectKeys.all, "detail", ref.namespace, ref.kind.toLowerCase(), ref.name] as const,
  validation: (request: ValidateYamlRequest) =>
    [...istioObjectKeys.all, "validate", request.target, request.yaml] as const,
};

const objectUrl = (ref: ObjectRef) =>
  `/api/istio/objects/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.kind)}/${encodeURIComponent(ref.name)}`;

const postJson = (body: unknown, method = "POST"): RequestInit => ({
  method,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify(body),
});

export const istioObjectListQuery = (namespaces: string[]) =>
  queryOptions({
    queryKey: istioObjectKeys.list(namespaces),
    queryFn: ({ signal }) =>
      fetchJson(
        `/api/istio/objects?namespaces=${encodeURIComponent(formatNamespaceParam(namespaces))}`,
        istioObjectListSchema,
        { signal },
      ),
    enabled: namespaces.length > 0,
    placeholderData: keepPreviousData,
  });

export function useIstioObjects(namespaces: string[]) {
  return useQuery(istioObjectListQuery(namespaces));
}

/** The editor copies the loaded version once; it must not be replaced under the user by a refetch. */
export const istioObjectQuery = (ref: ObjectRef) =>
  queryOptions({
    queryKey: istioObjectKeys.detail(ref),
    queryFn: ({ signal }) => fetchJson(objectUrl(ref), istioObjectDetailSchema, { signal }),
    staleTime: Infinity,
    retry: false,
  });

export function useIstioObject(ref: ObjectRef) {
  return useQuery(istioObjectQuery(ref));
}

/** Reads the live version now (after a save, or to show someone else's change). */
export function fetchLiveIstioObject(client: QueryClient, ref: ObjectRef) {
  return client.fetchQuery({ ...istioObjectQuery(ref), staleTime: 0 });
}

/** Validation of unsaved YAML; the caller debounces the text. Keeps the last answer while the next loads. */
export function useYamlValidation(request: ValidateYamlRequest | null) {
  return useQuery({
    queryKey: request ? istioObjectKeys.validation(request) : [...istioObjectKeys.all, "validate", "none"],
    queryFn: ({ signal }) =>
      fetchJson("/api/istio/objects/validate", validateYamlResponseSchema, { ...postJson(request), signal }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

export function usePreviewIstioYaml() {
  return useMutation({
    mutationFn: (request: WriteRequest) =>
      fetchJson("/api/istio/objects/preview", previewResponseSchema, postJson(request)),
  });
}

export function useApplyIstioYaml() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: WriteRequest) =>
      request.mode === "create"
        ? fetchJson(
            "/api/istio/objects",
            applyResponseSchema,
            postJson({ yaml: request.yaml, namespace: request.namespace, confirm: request.confirm }),
          )
        : fetchJson(
            objectUrl(request.target),
            applyResponseSchema,
            postJson(
              { yaml: request.yaml, baseResourceVersion: request.baseResourceVersion, confirm: request.confirm },
              "PUT",
            ),
          ),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () => client.invalidateQueries({ queryKey: istioObjectKeys.all, refetchType: "none" }),
  });
}

export function useDeleteIstioObject() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ ref, resourceVersion }: { ref: ObjectRef; resourceVersion: string }) =>
      fetchJson(`${objectUrl(ref)}?resourceVersion=${encodeURIComponent(resourceVersion)}`, applyResponseSchema, {
        method: "DELETE",
      }),
    onSuccess: () => refetchAfterMeshChange(client),
    onSettled: () => client.invalidateQueries({ queryKey: istioObjectKeys.all, refetchType: "none" }),
  });
}

export function useRebaseIstioYaml() {
  return useMutation({
    mutationFn: (request: RebaseRequest) =>
      fetchJson("/api/istio/objects/rebase", rebaseResponseSchema, postJson(request)),
  });
}

/**
 * The live version, read again now (the conflict screen shows what someone else saved). Its
 * own cache entry, dropped on unmount, so the stale copy the editor loaded is never shown
 * as "theirs" while the fresh read is on its way.
 */
export function useLiveIstioObject(ref: ObjectRef, enabled: boolean) {
  return useQuery({
    queryKey: [...istioObjectKeys.detail(ref), "live"] as const,
    queryFn: ({ signal }) => fetchJson(objectUrl(ref), istioObjectDetailSchema, { signal }),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    enabled,
  });
}
