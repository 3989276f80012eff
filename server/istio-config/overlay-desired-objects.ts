/**
 * Validation of a set of changes must see the mesh as it will be: the desired objects
 * replace their live versions (or join them) in the inventory the rules read, and the
 * objects the set deletes leave it.
 */
import "server-only";
import { istioInventoryKinds, type IstioKey, type MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";

const listByKind = new Map<string, IstioKey>(
  Object.entries(istioInventoryKinds).map(([key, kind]) => [kind, key as IstioKey]),
);

type Listed = { metadata?: { name?: string; namespace?: string } };

function without(list: Listed[], ref: IstioObjectRef): Listed[] {
  return list.filter((o) => !(o.metadata?.name === ref.name && o.metadata?.namespace === ref.namespace));
}

export function overlayDesiredObjects(
  inventory: MeshInventory,
  desired: StoredIstioObject[],
  removed: readonly IstioObjectRef[] = [],
): MeshInventory {
  const next: MeshInventory = { ...inventory };
  for (const ref of removed) {
    const key = listByKind.get(ref.kind);
    if (key) (next[key] as unknown[]) = without(next[key] as Listed[], ref);
  }
  for (const object of desired) {
    const key = listByKind.get(object.kind);
    if (!key) continue;
    const ref = { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name };
    (next[key] as unknown[]) = [...without(next[key] as Listed[], ref), object];
  }
  return next;
}
