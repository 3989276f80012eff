import { describe, expect, it } from "vitest";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { applyIstioChanges, previewIstioChanges, type IstioWriteDeps } from "./apply-istio-changes";
import type { IstioChange } from "./plan-istio-changes";

/** A small in-memory API server: resourceVersions, 409 on a stale write, and a log of writes. */
function fakeCluster(initial: StoredIstioObject[] = [], options: { failOn?: string; invalid?: string } = {}) {
  let version = 100;
  const objects = new Map<string, StoredIstioObject>();
  const key = (r: IstioObjectRef) => `${r.kind}/${r.namespace}/${r.name}`;
  for (const o of initial) objects.set(key({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }), { ...o, metadata: { ...o.metadata, resourceVersion: String(++version) } });
  const writes: string[] = [];
  const audits: { action: string; kind: string; name: string }[] = [];
  const refOf = (o: StoredIstioObject) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
  const deps: IstioWriteDeps = {
    async get(ref) {
      return objects.get(key(ref));
    },
    async create(object, { dryRun }) {
      if (objects.has(key(refOf(object)))) throw new TopsailError("conflict", "already exists");
      if (!dryRun && options.failOn === object.metadata.name) throw new TopsailError("kube_api", "webhook timed out");
      const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(++version) } };
      if (!dryRun) {
        objects.set(key(refOf(object)), stored);
        writes.push(`create ${object.kind}/${object.metadata.name}`);
      }
      return stored;
    },
    async replace(object, { dryRun }) {
      const live = objects.get(key(refOf(object)));
      if (!live || live.metadata.resourceVersion !== object.metadata.resourceVersion) throw new TopsailError("conflict", "the object has been modified");
      if (!dryRun && options.failOn === object.metadata.name) throw new TopsailError("kube_api", "webhook timed out");
      const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(++version) } };
      if (!dryRun) {
        objects.set(key(refOf(object)), stored);
        writes.push(`update ${object.kind}/${object.metadata.name}`);
      }
      return stored;
    },
    async remove(ref, { dryRun }) {
      if (!dryRun) {
        objects.delete(key(ref));
        writes.push(`delete ${ref.kind}/${ref.name}`);
      }
    },
    async validate(desired): Promise<ObjectValidation[]> {
      return desired.map((o) => ({
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        valid: o.metadata.name !== options.invalid,
        checks: o.metadata.name === options.invalid ? [{ code: "KIA1107", severity: "error", message: "Subset not found", path: "spec/http[0]/route[0]/destination" }] : [],
      }));
    },
    async recordAudit(entry) {
      audits.push({ action: entry.action, kind: entry.kind, name: entry.name });
      return { id: `audit-${audits.length}` };
    },
  };
  return { deps, objects, writes, audits, get: (kind: string, name: string) => objects.get(`${kind}/bookinfo/${name}`) };
}

const vs = (name: string, subsets: string[]): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace: "bookinfo" },
  spec: { hosts: [name], http: [{ route: subsets.map((subset) => ({ destination: { host: name, subset }, weight: Math.round(100 / subsets.length) })) }] },
});
const dr = (name: string, subsets: string[]): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name, namespace: "bookinfo" },
  spec: { host: name, subsets: subsets.map((s) => ({ name: s, labels: { version: s } })) },
});
const change = (object: StoredIstioObject, base?: string) => ({ kind: object.kind, namespace: "bookinfo", name: object.metadata.name, desired: object, baseResourceVersion: base });
const request = (changes: IstioChange[]) => ({ changes, actor: "alice", source: "wizard" as const });

describe("applyIstioChanges", () => {
  it("writes the DestinationRule before the VirtualService that routes to its new subset, and audits each", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"])]);
    const outcomes = await applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v1", "v3"])), change(dr("reviews", ["v1", "v3"]))]));
    expect(cluster.writes).toEqual(["update DestinationRule/reviews", "update VirtualService/reviews"]);
    expect(cluster.audits).toEqual([
      { action: "update", kind: "DestinationRule", name: "reviews" },
      { action: "update", kind: "VirtualService", name: "reviews" },
    ]);
    expect(outcomes.map((o) => [o.kind, o.action, o.auditId])).toEqual([
      ["DestinationRule", "update", "audit-1"],
      ["VirtualService", "update", "audit-2"],
    ]);
  });

  it("moves traffic off a subset before the DestinationRule drops it", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1", "v2"]), vs("reviews", ["v1", "v2"])]);
    await applyIstioChanges(cluster.deps, request([change(dr("reviews", ["v1"])), change(vs("reviews", ["v1"]))]));
    expect(cluster.writes).toEqual(["update VirtualService/reviews", "update DestinationRule/reviews"]);
  });

  it("refuses the whole set when an object changed since the user started, and writes nothing", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const staleBase = "1";
    const error = await applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v3"]), staleBase)])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).code).toBe("conflict");
    expect((error as TopsailError).details?.conflicts).toHaveLength(1);
    expect(cluster.writes).toEqual([]);
  });

  it("refuses invalid config with its findings, before any write", async () => {
    const cluster = fakeCluster([], { invalid: "bad" });
    const error = await applyIstioChanges(cluster.deps, request([change(dr("ratings", ["v1"])), change(vs("bad", ["v4"]))])).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("bad_request");
    expect((error as TopsailError).message).toContain("KIA1107");
    expect(cluster.writes).toEqual([]);
  });

  it("puts back what was applied when a later write fails, so nothing is half-applied", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"])], { failOn: "reviews-vs-fails" });
    const failing = { ...vs("reviews", ["v1", "v3"]), metadata: { name: "reviews-vs-fails", namespace: "bookinfo" } };
    const error = await applyIstioChanges(cluster.deps, request([change(dr("reviews", ["v1", "v3"])), change(failing)])).catch((e: unknown) => e);
    expect((error as TopsailError).message).toMatch(/put back/);
    expect(cluster.get("DestinationRule", "reviews")?.spec).toEqual(dr("reviews", ["v1"]).spec);
    expect(cluster.audits).toEqual([]);
  });

  it("changes nothing, and records nothing, when the input equals what is live", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const outcomes = await applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v1"]))]));
    expect(outcomes[0]?.action).toBe("unchanged");
    expect(cluster.writes).toEqual([]);
    expect(cluster.audits).toEqual([]);
  });

  it("deletes with a null desired object and audits the delete", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    await applyIstioChanges(cluster.deps, request([{ kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: null }]));
    expect(cluster.writes).toEqual(["delete VirtualService/reviews"]);
    expect(cluster.audits[0]?.action).toBe("delete");
  });
});

describe("previewIstioChanges", () => {
  it("shows each object's before and dry-run after without writing", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const preview = await previewIstioChanges(cluster.deps, request([change(vs("reviews", ["v1", "v3"]))]));
    expect(preview.outcomes[0]).toMatchObject({ action: "update", before: { spec: vs("reviews", ["v1"]).spec }, after: { spec: vs("reviews", ["v1", "v3"]).spec } });
    expect(cluster.writes).toEqual([]);
  });
});
