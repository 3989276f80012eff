/**
 * Validation of a set of changes must see the mesh as it will be: the desired objects
 * replace their live versions (or join them) in the inventory the rules read.
 */
import "server-only";
import type { MeshInventory } from "@/server/adapters/kube/list-mesh-inventory";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";

type IstioListKey = Exclude<keyof MeshInventory, "services" | "workloads" | "mesh">;

const listByKind: Record<string, IstioListKey> = {
  VirtualService: "virtualServices",
  DestinationRule: "destinationRules",
  Gateway: "gateways",
  ServiceEntry: "serviceEntries",
  Sidecar: "sidecars",
  WorkloadEntry: "workloadEntries",
  PeerAuthentication: "peerAuthentications",
  AuthorizationPolicy: "authorizationPolicies",
  RequestAuthentication: "requestAuthentications",
};

export function overlayDesiredObjects(inventory: MeshInventory, desired: StoredIstioObject[]): MeshInventory {
  const next: MeshInventory = { ...inventory };
  for (const object of desired) {
    const key = listByKind[object.kind];
    if (!key) continue;
    const list = next[key] as { metadata?: { name?: string; namespace?: string } }[];
    const others = list.filter((o) => !(o.metadata?.name === object.metadata.name && o.metadata?.namespace === object.metadata.namespace));
    (next[key] as unknown[]) = [...others, object];
  }
  return next;
}
