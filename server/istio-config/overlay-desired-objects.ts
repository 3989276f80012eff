/**
 * Validation of a set of changes must see the mesh as it will be: the desired objects
 * replace their live versions (or join them) in the inventory the rules read.
 */
import "server-only";
import { istioInventoryKinds, type IstioKey, type MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

const listByKind = new Map<string, IstioKey>(
  Object.entries(istioInventoryKinds).map(([key, kind]) => [kind, key as IstioKey]),
);

export function overlayDesiredObjects(inventory: MeshInventory, desired: StoredIstioObject[]): MeshInventory {
  const next: MeshInventory = { ...inventory };
  for (const object of desired) {
    const key = listByKind.get(object.kind);
    if (!key) continue;
    const list = next[key] as { metadata?: { name?: string; namespace?: string } }[];
    const others = list.filter(
      (o) => !(o.metadata?.name === object.metadata.name && o.metadata?.namespace === object.metadata.namespace),
    );
    (next[key] as unknown[]) = [...others, object];
  }
  return next;
}
