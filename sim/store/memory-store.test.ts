import { describe, expect, it } from "vitest";
import { MemoryStore } from "./memory-store";
import type { KubeObject, WatchEvent } from "./types";

const NS = { group: "", resource: "namespaces" };
const CM = { group: "", resource: "configmaps" };
const VS = { group: "networking.istio.io", resource: "virtualservices" };
const RS = { group: "apps", resource: "replicasets" };
const PODS = { group: "", resource: "pods" };

function storeWithNamespace(): MemoryStore {
  const store = new MemoryStore();
  store.create(NS, { apiVersion: "v1", kind: "Namespace", metadata: { name: "bookinfo" } });
  return store;
}

function vs(name: string, hosts: string[]): KubeObject {
  return {
    apiVersion: "networking.istio.io/v1beta1",
    kind: "VirtualService",
    metadata: { name, namespace: "bookinfo" },
    spec: { hosts },
  };
}

describe("memory store", () => {
  it("stamps uid, creationTimestamp, generation and a growing resourceVersion, storing at the storage version", () => {
    const store = storeWithNamespace();
    const a = store.create(VS, vs("a", ["a"]));
    const b = store.create(VS, vs("b", ["b"]));
    expect(a.apiVersion).toBe("networking.istio.io/v1");
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(a.metadata.generation).toBe(1);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
  });

  it("names objects from generateName", () => {
    const store = storeWithNamespace();
    const created = store.create(CM, {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { generateName: "cfg-", namespace: "bookinfo" },
    });
    expect(created.metadata.name).toMatch(/^cfg-[a-z0-9]{5}$/);
  });

  it("refuses a namespaced object in a missing namespace and a duplicate name", () => {
    const store = storeWithNamespace();
    expect(() => store.create(VS, { ...vs("a", ["a"]), metadata: { name: "a", namespace: "nowhere" } })).toThrow(
      'namespaces "nowhere" not found',
    );
    store.create(VS, vs("a", ["a"]));
    expect(() => store.create(VS, vs("a", ["a"]))).toThrow('virtualservices.networking.istio.io "a" already exists');
  });

  it("bumps generation on spec changes only, keeps a no-op update silent, and refuses stale versions", () => {
    const store = storeWithNamespace();
    const created = store.create(VS, vs("a", ["a"]));
    const labelled = store.update(VS, { ...created, metadata: { ...created.metadata, labels: { x: "y" } } });
    expect(labelled.metadata.generation).toBe(1);
    const respecced = store.update(VS, { ...labelled, spec: { hosts: ["b"] } });
    expect(respecced.metadata.generation).toBe(2);
    const same = store.update(VS, respecced);
    expect(same.metadata.resourceVersion).toBe(respecced.metadata.resourceVersion);
    expect(() => store.update(VS, { ...created, spec: { hosts: ["c"] } })).toThrow(
      /Operation cannot be fulfilled on virtualservices.networking.istio.io "a": the object has been modified/,
    );
    expect(store.getShared(VS, "bookinfo", "a")?.spec).toEqual({ hosts: ["b"] });
  });

  it("dry-run writes return the result and change nothing", () => {
    const store = storeWithNamespace();
    const before = store.currentResourceVersion();
    const result = store.create(VS, vs("a", ["a"]), { dryRun: true });
    expect(result.metadata.name).toBe("a");
    expect(store.getShared(VS, "bookinfo", "a")).toBeUndefined();
    expect(store.currentResourceVersion()).toBe(before);
  });

  it("cascades deletes through ownerReferences and namespaces", () => {
    const store = storeWithNamespace();
    const rs = store.create(RS, {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "rs", namespace: "bookinfo" },
      spec: {},
    });
    store.create(PODS, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "p",
        namespace: "bookinfo",
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: rs.metadata.uid ?? "" }],
      },
      spec: {},
    });
    store.create(CM, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "bookinfo" } });
    store.delete(RS, "bookinfo", "rs");
    expect(store.getShared(PODS, "bookinfo", "p")).toBeUndefined();
    expect(store.getShared(CM, "bookinfo", "c")).toBeDefined();
    store.delete(NS, undefined, "bookinfo");
    expect(store.getShared(CM, "bookinfo", "c")).toBeUndefined();
  });

  it("replays missed events to a resuming watch and expires versions older than its history", () => {
    const store = new MemoryStore({ historySize: 3 });
    store.create(NS, { apiVersion: "v1", kind: "Namespace", metadata: { name: "bookinfo" } });
    const start = store.currentResourceVersion();
    store.create(VS, vs("a", ["a"]));
    store.create(VS, vs("b", ["b"]));
    const seen: WatchEvent[] = [];
    store.watchShared(VS, "bookinfo", (e) => seen.push(e), start);
    expect(seen.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(["ADDED a", "ADDED b"]);
    store.delete(VS, "bookinfo", "a");
    expect(seen.at(-1)?.type).toBe("DELETED");
    store.create(VS, vs("c", ["c"]));
    expect(() => store.watchShared(VS, "bookinfo", () => {}, "1")).toThrow(/too old resource version: 1/);
  });

  it("delivers events in order even when a watcher writes from its callback", () => {
    const store = storeWithNamespace();
    const order: string[] = [];
    store.watchShared(CM, undefined, (e) => {
      if (e.object.metadata.name === "first")
        store.create(CM, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "second", namespace: "bookinfo" } });
    });
    store.watchShared(CM, undefined, (e) => order.push(e.object.metadata.name ?? ""));
    store.create(CM, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "first", namespace: "bookinfo" } });
    expect(order).toEqual(["first", "second"]);
  });
});
