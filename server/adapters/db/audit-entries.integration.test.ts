import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DbError } from "@/server/errors";
import {
  getAuditEntry,
  listAuditEntries,
  listAuditEntrySummaries,
  listRecordedKinds,
  recordAuditEntry,
  recordAuditIntent,
  recordExternalChange,
  resolveAuditIntent,
  type KindsInNamespaces,
} from "./audit-entries";
import { checkDatabase, disconnectDb, getDb } from "./client";
import { applyPendingMigrations, migrationStatus } from "./migrate";
import { readMigrationsFolder, prismaPaths } from "./migrations-folder";
import { stopTestDatabases, testDatabases } from "./test-support/test-databases";

afterAll(stopTestDatabases);

describe.each(testDatabases)("a fresh $provider database", ({ provider, create }) => {
  let url: string;
  let firstRun: { applied: string[] };

  beforeAll(async () => {
    url = await create();
    firstRun = await applyPendingMigrations(url);
  });

  afterAll(disconnectDb);

  it("applies every migration of its provider's folder on the first run", async () => {
    const folder = await readMigrationsFolder(prismaPaths(undefined, provider).migrationsDir);
    expect(firstRun.applied).toEqual(folder.migrationDirectories.map((dir) => dir.path));
    expect(firstRun.applied.length).toBeGreaterThan(0);
  });

  it("applies nothing on a second run and reports the schema up to date", async () => {
    expect(await applyPendingMigrations(url)).toEqual({ applied: [] });
    const status = await migrationStatus(url);
    expect(status.upToDate).toBe(true);
    expect(status.pending).toEqual([]);
  });

  it("passes the status check", async () => {
    expect(await checkDatabase(url)).toEqual({ ok: true });
  });

  it("records an audit entry and reads it back with every field", async () => {
    const db = getDb(url);
    const before = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", spec: { hosts: ["reviews"] } };
    const after = {
      ...before,
      spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }] }] },
    };
    const written = await recordAuditEntry(db, {
      actor: "alice",
      actorGroups: ["team-reviews", "system:authenticated"],
      action: "update",
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      before,
      after,
      comment: "send all traffic to v1",
      source: "wizard",
    });
    await recordAuditEntry(db, {
      actor: "bob",
      action: "create",
      kind: "DestinationRule",
      namespace: "bookinfo",
      name: "reviews",
      after: { kind: "DestinationRule" },
      source: "editor",
    });

    const found = await listAuditEntries(db, { namespace: "bookinfo", kind: "VirtualService", name: "reviews" });

    expect(found).toHaveLength(1);
    expect(found[0]).toEqual({
      id: written.id,
      createdAt: written.createdAt,
      actor: "alice",
      actorGroups: ["team-reviews", "system:authenticated"],
      action: "update",
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      before,
      after,
      comment: "send all traffic to v1",
      source: "wizard",
      status: "applied",
      error: null,
      resourceVersion: null,
      clusterId: null,
      kubeContext: null,
    });
    expect(found[0]?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - (found[0]?.createdAt.getTime() ?? 0))).toBeLessThan(60_000);
  });

  it("lists newest first and honours since and limit", async () => {
    const db = getDb(url);
    const all = await listAuditEntries(db, { namespace: "bookinfo" });
    expect(all.map((entry) => entry.actor)).toEqual(["bob", "alice"]);
    expect(await listAuditEntries(db, { limit: 1 })).toHaveLength(1);
    expect(await listAuditEntries(db, { since: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it("filters by actor (any case, part of the name) and source in the database", async () => {
    const db = getDb(url);
    expect((await listAuditEntries(db, { actor: "ALI" })).map((e) => e.actor)).toEqual(["alice"]);
    expect((await listAuditEntries(db, { source: "external" })).map((e) => e.actor)).toEqual([]);
  });

  it("records an intent as pending and then its outcome", async () => {
    const db = getDb(url);
    const ref = { kind: "DestinationRule", namespace: "bookinfo", name: "ratings" };
    const desired = { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", spec: { host: "ratings" } };
    const intent = await recordAuditIntent(db, {
      ...ref,
      actor: "carol",
      action: "create",
      before: null,
      after: desired,
      source: "wizard",
      clusterId: "uid-1",
      kubeContext: "prod",
    });
    expect(intent).toMatchObject({ status: "pending", resourceVersion: null, clusterId: "uid-1", kubeContext: "prod" });
    const answered = { ...desired, metadata: { name: "ratings", namespace: "bookinfo", resourceVersion: "42" } };
    await resolveAuditIntent(db, intent.id, { status: "applied", after: answered, resourceVersion: "42" });
    expect(await getAuditEntry(db, intent.id)).toMatchObject({
      status: "applied",
      resourceVersion: "42",
      after: answered,
      error: null,
    });
    expect((await listAuditEntries(db, { resourceVersion: "42" })).map((e) => e.id)).toEqual([intent.id]);

    const failing = await recordAuditIntent(db, {
      ...ref,
      actor: "carol",
      action: "update",
      before: answered,
      after: desired,
      source: "wizard",
    });
    await resolveAuditIntent(db, failing.id, { status: "failed", error: "the API server answered 409" });
    expect(await getAuditEntry(db, failing.id)).toMatchObject({
      status: "failed",
      error: "the API server answered 409",
      after: desired,
    });
    expect(await getAuditEntry(db, "no-such-id")).toBeUndefined();
  });

  it("records an external change once, whichever console sees it first", async () => {
    const db = getDb(url);
    const change = {
      kind: "VirtualService",
      namespace: "shop",
      name: "cart",
      actor: "outside Topsail",
      action: "update" as const,
      before: { spec: { hosts: ["cart"] } },
      after: { spec: { hosts: ["cart", "cart.shop"] } },
      resourceVersion: "77",
      clusterId: "uid-1",
    };
    // Two consoles watching one cluster see the same version at the same time.
    const [first, second] = await Promise.all([recordExternalChange(db, change), recordExternalChange(db, change)]);
    expect([first, second].filter((entry) => entry !== null)).toHaveLength(1);
    expect(await recordExternalChange(db, change)).toBeNull();
    const recorded = await listAuditEntries(db, { namespace: "shop", name: "cart" });
    expect(recorded.map((e) => [e.source, e.resourceVersion])).toEqual([["external", "77"]]);
    // The next version, and the same version on another cluster, are changes of their own.
    expect(await recordExternalChange(db, { ...change, resourceVersion: "78" })).not.toBeNull();
    expect(await recordExternalChange(db, { ...change, clusterId: "uid-2" })).not.toBeNull();
  });
});

describe.each(testDatabases)("the audit list of entries with 20,000-line objects on $provider", ({ create }) => {
  let url: string;
  /** A VirtualService with `routes` routes: about 20 lines of YAML each. */
  const huge = (routes: number, weight: number) => ({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo" },
    spec: {
      hosts: ["reviews"],
      http: Array.from({ length: routes }, (_, i) => ({
        match: [{ headers: { "x-user": { exact: `user-${i}` } } }],
        route: [
          { destination: { host: "reviews", subset: "v1" }, weight },
          { destination: { host: "reviews", subset: "v2" }, weight: 100 - weight },
        ],
      })),
    },
  });
  const ids: Record<string, string> = {};
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute));

  beforeAll(async () => {
    url = await create();
    await applyPendingMigrations(url);
    const db = getDb(url);
    const ref = { kind: "VirtualService", namespace: "bookinfo", name: "reviews" };
    ids.create = (
      await recordAuditEntry(db, {
        ...ref,
        actor: "alice",
        action: "create",
        after: huge(1000, 90),
        source: "wizard",
        createdAt: at(1),
        resourceVersion: "10",
      })
    ).id;
    ids.update = (
      await recordAuditEntry(db, {
        ...ref,
        actor: "alice",
        action: "update",
        before: huge(1000, 90),
        after: huge(1000, 50),
        comment: "half to v2",
        source: "wizard",
        createdAt: at(2),
        resourceVersion: "11",
      })
    ).id;
    ids.failed = (
      await recordAuditEntry(db, {
        ...ref,
        actor: "bob",
        action: "update",
        before: huge(1000, 50),
        after: huge(1000, 0),
        source: "editor",
        createdAt: at(3),
        status: "failed",
        error: "409 Conflict",
      })
    ).id;
    ids.delete = (
      await recordAuditEntry(db, {
        ...ref,
        actor: "kubectl",
        action: "delete",
        before: huge(1000, 50),
        source: "external",
        createdAt: at(4),
        clusterId: "uid-1",
      })
    ).id;
    ids.injection = (
      await recordAuditEntry(db, {
        actor: "carol",
        action: "update",
        kind: "Namespace",
        namespace: "shop",
        name: "shop",
        before: { "metadata.labels": { "istio-injection": "enabled" } },
        after: { "metadata.labels": { "istio-injection": "disabled" } },
        source: "editor",
        createdAt: at(5),
      })
    ).id;
    // A row written by hand whose objects are JSON strings, not objects (what the json_columns
    // migration keeps of text that was not JSON): the list must not need them.
    ids.corrupt = (
      await db.auditEntry.create({
        data: {
          actor: "dave",
          action: "update",
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "ratings",
          before: "{",
          after: "{not json",
          source: "editor",
          createdAt: at(6),
        },
      })
    ).id;
  });

  afterAll(disconnectDb);

  it("lists every entry newest first, with whether it has an object before and after, without the objects", async () => {
    const summaries = await listAuditEntrySummaries(getDb(url));
    expect(summaries.map((s) => s.id)).toEqual([
      ids.corrupt,
      ids.injection,
      ids.delete,
      ids.failed,
      ids.update,
      ids.create,
    ]);
    expect(summaries.map((s) => [s.action, s.hasBefore, s.hasAfter])).toEqual([
      ["update", true, true],
      ["update", true, true],
      ["delete", true, false],
      ["update", true, true],
      ["update", true, true],
      ["create", false, true],
    ]);
    expect(summaries[2]).toEqual({
      id: ids.delete,
      createdAt: at(4),
      actor: "kubectl",
      actorGroups: [],
      action: "delete",
      kind: "VirtualService",
      namespace: "bookinfo",
      name: "reviews",
      comment: null,
      source: "external",
      status: "applied",
      error: null,
      resourceVersion: null,
      clusterId: "uid-1",
      kubeContext: null,
      hasBefore: true,
      hasAfter: false,
    });
    expect(summaries[3]).toMatchObject({ status: "failed", error: "409 Conflict", actor: "bob" });
    expect(summaries[4]).toMatchObject({ comment: "half to v2", resourceVersion: "11" });
    expect(summaries[0]).not.toHaveProperty("after");
  });

  it("keeps every filter, the order and the limit of the full listing", async () => {
    const db = getDb(url);
    const listed = async (filter: Parameters<typeof listAuditEntrySummaries>[1]) =>
      (await listAuditEntrySummaries(db, filter)).map((s) => s.id);
    expect(await listed({ namespace: "bookinfo", kind: "VirtualService", name: "reviews" })).toEqual([
      ids.delete,
      ids.failed,
      ids.update,
      ids.create,
    ]);
    expect(await listed({ actor: "ALI" })).toEqual([ids.update, ids.create]);
    expect(await listed({ source: "external" })).toEqual([ids.delete]);
    expect(await listed({ status: "failed" })).toEqual([ids.failed]);
    expect(await listed({ resourceVersion: "11" })).toEqual([ids.update]);
    expect(await listed({ since: at(2), until: at(4) })).toEqual([ids.failed, ids.update]);
    expect(await listed({ limit: 2 })).toEqual([ids.corrupt, ids.injection]);
    expect(await listed({ namespace: "shop" })).toEqual([ids.injection]);
  });

  it("lists the kinds it holds per namespace, and only entries of given kinds in given namespaces", async () => {
    const db = getDb(url);
    expect(await listRecordedKinds(db)).toEqual([
      { namespace: "bookinfo", kind: "VirtualService" },
      { namespace: "shop", kind: "Namespace" },
    ]);
    expect(await listRecordedKinds(db, ["shop", "default"])).toEqual([{ namespace: "shop", kind: "Namespace" }]);
    const listed = async (kindsIn: KindsInNamespaces[]) =>
      (await listAuditEntrySummaries(db, { kindsIn })).map((s) => s.id);
    expect(await listed([{ namespaces: ["bookinfo", "shop"], kinds: ["Namespace"] }])).toEqual([ids.injection]);
    expect(
      await listed([
        { namespaces: ["shop"], kinds: ["VirtualService"] },
        { namespaces: ["bookinfo"], kinds: ["VirtualService", "Gateway"] },
      ]),
    ).toEqual([ids.corrupt, ids.delete, ids.failed, ids.update, ids.create]);
    // Nothing the viewer may see: nothing, not everything.
    expect(await listed([])).toEqual([]);
  });

  it("lists an entry whose stored object is not a JSON object, which only its detail reports", async () => {
    const db = getDb(url);
    expect((await listAuditEntrySummaries(db, { name: "ratings" })).map((s) => s.id)).toEqual([ids.corrupt]);
    const detail = await getAuditEntry(db, ids.corrupt ?? "").catch((error: unknown) => error);
    expect(detail).toBeInstanceOf(DbError);
    expect((detail as DbError).message).toContain('"before" is not a JSON object');
  });
});

describe.each(testDatabases)("a $provider database that was never migrated", ({ create }) => {
  let url: string;

  beforeAll(async () => {
    url = await create();
  });

  afterAll(disconnectDb);

  it("reports every migration pending", async () => {
    const status = await migrationStatus(url);
    expect(status.upToDate).toBe(false);
    expect(status.pending.length).toBeGreaterThan(0);
    expect(status.summary).toContain("npm run db:migrate");
  });

  it("fails the status check with what to run", async () => {
    const result = await checkDatabase(url);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("npm run setup");
  });
});
