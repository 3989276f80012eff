/**
 * The ValidationContext of the whole cluster (as istiod sees it: a VirtualService in one
 * namespace routes to Services and binds Gateways in others), built from the cluster cache
 * through the kube adapter. It is built once per state of the cache: requests that come
 * while nothing changed share it.
 */
import "server-only";
import { clusterCacheFor, type ClusterCache, type KubeConnection } from "@/server/adapters/kube";
import { listMeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import { createValidationContext, type ValidationContext } from "./context";

const built = new WeakMap<ClusterCache, { version: number; context: Promise<ValidationContext> }>();

export function loadValidationContext(connection: KubeConnection): Promise<ValidationContext> {
  const cache = clusterCacheFor(connection);
  const version = cache.version();
  const held = built.get(cache);
  if (held?.version === version) return held.context;
  const context = listMeshInventory(connection).then(createValidationContext);
  built.set(cache, { version, context });
  // A failed build (the cluster cannot be reached) is not kept.
  context.catch(() => {
    if (built.get(cache)?.context === context) built.delete(cache);
  });
  return context;
}
