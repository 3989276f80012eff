/**
 * The in-memory object store. One monotonic counter gives every write its
 * resourceVersion, so a single number orders all changes across kinds, as etcd's revision
 * does. Objects are kept at their storage version; the API server rewrites apiVersion when
 * serving another version. Raw (unadmitted) writes live here; `admitted-store.ts` puts the
 * admission chain in front of them for the StoreClient contract.
 *
 * Objects held here are never mutated in place: every write stores a fresh object, so
 * readers inside the simulator may share them (the `*Shared` methods) without cloning.
 */
import { randomUUID } from "node:crypto";
import { findResource, findResourceByKind, apiVersionOf, type ResourceDef } from "./resource-registry";
import type { KubeObject, ListResult, ResourceRef, WriteOptions } from "./types";
import { WatchHub, type StoredEvent } from "./watch-hub";
import { deepEqual, withoutMetaAndStatus } from "./object-equality";
import { alreadyExists, conflict, invalid, namespaceNotFound, notFound, StatusError } from "../apiserver/status-error";

const GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

export interface StoreState {
  resourceVersion: number;
  objects: KubeObject[];
}

function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.resource}`;
}

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

function randomSuffix(): string {
  let s = "";
  for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return s;
}

export function requireResource(ref: ResourceRef): ResourceDef {
  const def = findResource(ref.group, ref.resource);
  if (!def) throw new StatusError(404, "NotFound", "the server could not find the requested resource");
  return def;
}

export class MemoryStore {
  private revision = 0;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly changeListeners = new Set<() => void>();
  readonly hub: WatchHub;

  constructor(options: { historySize?: number } = {}) {
    this.hub = new WatchHub(options.historySize ?? 20_000);
  }

  /** Called after every persisted write (for persistence); returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private publish(def: ResourceDef, event: StoredEvent): void {
    this.hub.publish(def, event, this.revision);
    for (const listener of this.changeListeners) listener();
  }

  currentResourceVersion(): string {
    return String(this.revision);
  }

  private table(ref: ResourceRef): Map<string, KubeObject> {
    const key = refKey(ref);
    let t = this.tables.get(key);
    if (!t) {
      t = new Map();
      this.tables.set(key, t);
    }
    return t;
  }

  /** Objects sorted by namespace/name (etcd key order), shared: do not mutate. */
  listShared(ref: ResourceRef, namespace?: string): ListResult {
    const items: KubeObject[] = [];
    const entries = [...this.table(ref).entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (const [, obj] of entries) if (namespace === undefined || obj.metadata.namespace === namespace) items.push(obj);
    return { items, resourceVersion: this.currentResourceVersion() };
  }

  getShared(ref: ResourceRef, namespace: string | undefined, name: string): KubeObject | undefined {
    const def = requireResource(ref);
    return this.table(ref).get(objectKey(def.namespaced ? namespace : undefined, name));
  }

  create(ref: ResourceRef, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const def = requireResource(ref);
    const object = structuredClone(input);
    const meta = object.metadata ?? (object.metadata = {});
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomSuffix();
    const name = meta.name;
    if (!name)
      throw invalid(def.kind, def.group, "", [
        {
          reason: "FieldValueRequired",
          message: "Required value: name or generateName is required",
          field: "metadata.name",
        },
      ]);
    if (def.namespaced) {
      if (!meta.namespace) meta.namespace = "default";
      if (!this.table({ group: "", resource: "namespaces" }).has(objectKey(undefined, meta.namespace)))
        throw namespaceNotFound(meta.namespace);
    } else delete meta.namespace;
    const table = this.table(ref);
    const key = objectKey(meta.namespace, name);
    if (table.has(key)) throw alreadyExists(def, name);

    object.apiVersion = apiVersionOf(def);
    object.kind = def.kind;
    meta.uid = randomUUID();
    meta.creationTimestamp = nowTimestamp();
    meta.generation = 1;
    delete meta.deletionTimestamp;
    if (options.dryRun) {
      delete meta.resourceVersion;
      return object;
    }
    meta.resourceVersion = String(++this.revision);
    table.set(key, object);
    this.publish(def, { type: "ADDED", object });
    return object;
  }

  update(ref: ResourceRef, input: KubeObject, options: WriteOptions = {}): KubeObject {
    const def = requireResource(ref);
    const name = input.metadata?.name ?? "";
    const namespace = def.namespaced ? input.metadata?.namespace : undefined;
    const table = this.table(ref);
    const key = objectKey(namespace, name);
    const current = table.get(key);
    if (!current) throw notFound(def, name);
    const requested = input.metadata.resourceVersion;
    if (requested !== undefined && requested !== "" && requested !== current.metadata.resourceVersion)
      throw conflict(def, name);

    const object = structuredClone(input);
    object.apiVersion = apiVersionOf(def);
    object.kind = def.kind;
    const meta = object.metadata;
    meta.uid = current.metadata.uid;
    meta.creationTimestamp = current.metadata.creationTimestamp;
    meta.namespace = current.metadata.namespace;
    if (!def.namespaced) delete meta.namespace;
    if (current.metadata.deletionTimestamp) meta.deletionTimestamp = current.metadata.deletionTimestamp;
    const specChanged = !deepEqual(withoutMetaAndStatus(current), withoutMetaAndStatus(object));
    meta.generation = (current.metadata.generation ?? 1) + (specChanged ? 1 : 0);
    meta.resourceVersion = current.metadata.resourceVersion;
    // A write that changes nothing keeps its resourceVersion and emits no event, like a real server.
    if (deepEqual(current, object)) return options.dryRun ? structuredClone(current) : current;
    if (options.dryRun) return object;
    meta.resourceVersion = String(++this.revision);
    table.set(key, object);
    this.publish(def, { type: "MODIFIED", object, previous: current });
    return object;
  }

  delete(ref: ResourceRef, namespace: string | undefined, name: string, options: WriteOptions = {}): KubeObject {
    const def = requireResource(ref);
    const table = this.table(ref);
    const key = objectKey(def.namespaced ? namespace : undefined, name);
    const current = table.get(key);
    if (!current) throw notFound(def, name);
    if (options.dryRun) return current;
    table.delete(key);
    const object: KubeObject = {
      ...current,
      metadata: { ...current.metadata, resourceVersion: String(++this.revision) },
    };
    this.publish(def, { type: "DELETED", object });
    if (def.group === "" && def.resource === "namespaces") this.deleteNamespaceContents(name);
    this.deleteDependents(current);
    return object;
  }

  /** Background cascade: whatever names the deleted object as owner goes too, transitively. */
  private deleteDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    if (!uid) return;
    for (const [tableKey, table] of this.tables) {
      for (const obj of [...table.values()]) {
        if (owner.metadata.namespace && obj.metadata.namespace !== owner.metadata.namespace) continue;
        if (!obj.metadata.ownerReferences?.some((o) => o.uid === uid)) continue;
        const [group = "", resource = ""] = tableKey.split("/");
        if (table.has(objectKey(obj.metadata.namespace, obj.metadata.name ?? "")))
          this.delete({ group, resource }, obj.metadata.namespace, obj.metadata.name ?? "");
      }
    }
  }

  private deleteNamespaceContents(namespace: string): void {
    for (const [tableKey, table] of this.tables) {
      const [group = "", resource = ""] = tableKey.split("/");
      for (const obj of [...table.values()]) {
        if (obj.metadata.namespace !== namespace) continue;
        if (table.has(objectKey(namespace, obj.metadata.name ?? "")))
          this.delete({ group, resource }, namespace, obj.metadata.name ?? "");
      }
    }
  }

  /** Subscribes to one resource (optionally one namespace); replays history after `since` or throws 410 Expired. */
  watchShared(
    ref: ResourceRef,
    namespace: string | undefined,
    onEvent: (event: StoredEvent, revision: number) => void,
    since?: string,
  ): () => void {
    const def = requireResource(ref);
    return this.hub.subscribe(def, namespace, onEvent, since);
  }

  exportState(): StoreState {
    const objects: KubeObject[] = [];
    for (const table of this.tables.values()) objects.push(...table.values());
    return { resourceVersion: this.revision, objects };
  }

  /** Loads a persisted state as is (no admission, no events): the store's own earlier output. */
  importState(state: StoreState): void {
    for (const object of state.objects) {
      const def = findResourceByKind(object.apiVersion, object.kind);
      if (!def) continue;
      this.table(def).set(objectKey(object.metadata.namespace, object.metadata.name ?? ""), object);
    }
    this.revision = Math.max(this.revision, state.resourceVersion);
    this.hub.reset(this.revision);
  }
}
