/**
 * Gathers the registry and the Istio config once, through the kube adapter, into a pure
 * ValidationContext. Reads the whole cluster (as istiod sees it: a VirtualService in one
 * namespace routes to Services and binds Gateways in others); a user allowed to read only
 * some namespaces gets those plus the root namespace, or those alone.
 */
import "server-only";
import { defaultMeshSettings, listMeshInventory, type MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import type { KubeConnection } from "@/server/adapters/kube";
import { KubeApiError } from "@/server/errors";
import { createValidationContext, type ValidationContext } from "./context";

const isForbidden = (error: unknown) => error instanceof KubeApiError && error.status === 403;

export type ListMeshInventory = (connection: KubeConnection, namespaces?: readonly string[]) => Promise<MeshInventory>;

export async function loadValidationContext(
  connection: KubeConnection,
  namespaces: readonly string[],
  listInventory: ListMeshInventory = listMeshInventory,
): Promise<ValidationContext> {
  const scopes: (readonly string[] | undefined)[] = [undefined, [...new Set([...namespaces, defaultMeshSettings.rootNamespace])], namespaces];
  let lastError: unknown;
  for (const scope of scopes) {
    try {
      const inventory = await listInventory(connection, scope);
      return createValidationContext(inventory);
    } catch (error) {
      if (!isForbidden(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}
