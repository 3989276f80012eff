/**
 * A watch-fed local cache of one resource, like client-go's informers: controllers read from
 * it instead of listing the store on every reconcile (which copies every object), and it is
 * indexed by namespace and by controlling owner, the two questions controllers ask.
 */
import type { KubeObject, ResourceRef, StoreClient, WatchEvent } from "../store/types";
import { controllerOf } from "./objects";

export class Informer {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly store: StoreClient,
    readonly ref: ResourceRef,
  ) {}

  /** Lists, then watches; handlers run after the cache has taken the change in. */
  start(onEvent: (event: WatchEvent) => void): KubeObject[] {
    const items = this.store.list(this.ref).items;
    for (const object of items) this.put(object);
    this.unsubscribe = this.store.watch(this.ref, undefined, (event) => {
      if (event.type === "DELETED") this.remove(event.object);
      else this.put(event.object);
      onEvent(event);
    });
    return items;
  }

  stop(): void {
    this.unsubscribe?.();
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace ?? "")?.get(name);
  }

  list(namespace?: string): KubeObject[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((m) => [...m.values()]);
  }

  ownedBy(uid: string | undefined): KubeObject[] {
    return uid ? [...(this.byOwner.get(uid)?.values() ?? [])] : [];
  }

  private put(object: KubeObject): void {
    const previous = this.get(object.metadata.namespace, object.metadata.name ?? "");
    if (previous) this.remove(previous);
    const ns = object.metadata.namespace ?? "";
    const name = object.metadata.name ?? "";
    let names = this.byNamespace.get(ns);
    if (!names) this.byNamespace.set(ns, (names = new Map()));
    names.set(name, object);
    const owner = controllerOf(object)?.uid;
    if (owner) {
      let owned = this.byOwner.get(owner);
      if (!owned) this.byOwner.set(owner, (owned = new Map()));
      owned.set(`${ns}/${name}`, object);
    }
  }

  private remove(object: KubeObject): void {
    const ns = object.metadata.namespace ?? "";
    const name = object.metadata.name ?? "";
    this.byNamespace.get(ns)?.delete(name);
    const owner = controllerOf(object)?.uid;
    if (owner) this.byOwner.get(owner)?.delete(`${ns}/${name}`);
  }
}
