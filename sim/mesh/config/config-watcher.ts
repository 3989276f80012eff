/**
 * Keeps a local copy of the objects routing depends on, fed by the store's watch (list,
 * then watch from the list's resourceVersion, like an informer), and rebuilds the
 * snapshot lazily: a change only marks it stale, and the next reader rebuilds it once.
 * The engine reads on every tick (~50 ms), so a change takes effect within a tick, and a
 * burst of changes (a scenario being applied) costs one rebuild.
 */
import type { KubeObject, ResourceRef, StoreClient } from "../../store/types";
import { buildSnapshot, type SnapshotInput } from "@/lib/istio/routing/build-snapshot";
import type { ConfigSnapshot } from "@/lib/istio/routing/snapshot";

const WATCHED: Record<keyof SnapshotInput, ResourceRef> = {
  namespaces: { group: "", resource: "namespaces" },
  pods: { group: "", resource: "pods" },
  services: { group: "", resource: "services" },
  deployments: { group: "apps", resource: "deployments" },
  virtualServices: { group: "networking.istio.io", resource: "virtualservices" },
  destinationRules: { group: "networking.istio.io", resource: "destinationrules" },
  gateways: { group: "networking.istio.io", resource: "gateways" },
  serviceEntries: { group: "networking.istio.io", resource: "serviceentries" },
  peerAuthentications: { group: "security.istio.io", resource: "peerauthentications" },
  authorizationPolicies: { group: "security.istio.io", resource: "authorizationpolicies" },
  configMaps: { group: "", resource: "configmaps" },
};

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name ?? ""}`;
}

export class ConfigWatcher {
  private readonly objects = new Map<keyof SnapshotInput, Map<string, KubeObject>>();
  private readonly unsubscribes: Array<() => void> = [];
  private snapshot: ConfigSnapshot | undefined;
  private version = 0;
  private stale = true;

  constructor(store: StoreClient) {
    for (const [kind, ref] of Object.entries(WATCHED) as Array<[keyof SnapshotInput, ResourceRef]>) {
      const table = new Map<string, KubeObject>();
      this.objects.set(kind, table);
      const listed = store.list(ref);
      for (const item of listed.items) table.set(keyOf(item), item);
      this.unsubscribes.push(
        store.watch(
          ref,
          undefined,
          (event) => {
            if (event.type === "DELETED") table.delete(keyOf(event.object));
            else table.set(keyOf(event.object), event.object);
            this.stale = true;
          },
          listed.resourceVersion,
        ),
      );
    }
  }

  /** The current snapshot, rebuilt first if anything changed since the last read. */
  current(): ConfigSnapshot {
    if (this.stale || !this.snapshot) {
      this.stale = false;
      const input = Object.fromEntries(
        [...this.objects].map(([kind, table]) => [kind, [...table.values()]]),
      ) as unknown as SnapshotInput;
      this.snapshot = buildSnapshot(input, ++this.version);
    }
    return this.snapshot;
  }

  get isStale(): boolean {
    return this.stale;
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }
}
