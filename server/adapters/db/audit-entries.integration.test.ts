import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuditEntry, listAuditEntries, recordAuditEntry, recordAuditIntent, resolveAuditIntent } from "./audit-entries";
import { checkDatabase, disconnectDb, getDb } from "./client";
import { applyPendingMigrations, migrationStatus } from "./migrate";
import { readMigrationsFolder, prismaPaths } from "./migrations-folder";

describe("a fresh SQLite database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "topsail-db-"));
  // A folder that does not exist yet: opening the database must create it, like .topsail/.
  const url = `file:${path.join(dir, "nested", "topsail.db")}`;
  let firstRun: { applied: string[] };

  beforeAll(async () => {
    firstRun = await applyPendingMigrations(url);
  });

  afterAll(async () => {
    await disconnectDb();
    rmSync(dir, { recursive: true, force: true });
  });

  it("applies every migration in prisma/migrations on the first run", async () => {
    const folder = await readMigrationsFolder(prismaPaths().migrationsDir);
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
    const after = { ...before, spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }] }] } };
    const written = await recordAuditEntry(db, {
      actor: "alice",
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
    const intent = await recordAuditIntent(db, { ...ref, actor: "carol", action: "create", before: null, after: desired, source: "wizard", clusterId: "uid-1", kubeContext: "prod" });
    expect(intent).toMatchObject({ status: "pending", resourceVersion: null, clusterId: "uid-1", kubeContext: "prod" });
    const answered = { ...desired, metadata: { name: "ratings", namespace: "bookinfo", resourceVersion: "42" } };
    await resolveAuditIntent(db, intent.id, { status: "applied", after: answered, resourceVersion: "42" });
    expect(await getAuditEntry(db, intent.id)).toMatchObject({ status: "applied", resourceVersion: "42", after: answered, error: null });
    expect((await listAuditEntries(db, { resourceVersion: "42" })).map((e) => e.id)).toEqual([intent.id]);

    const failing = await recordAuditIntent(db, { ...ref, actor: "carol", action: "update", before: answered, after: desired, source: "wizard" });
    await resolveAuditIntent(db, failing.id, { status: "failed", error: "the API server answered 409" });
    expect(await getAuditEntry(db, failing.id)).toMatchObject({ status: "failed", error: "the API server answered 409", after: desired });
    expect(await getAuditEntry(db, "no-such-id")).toBeUndefined();
  });
});

describe("a database that was never migrated", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "topsail-db-"));
  const url = `file:${path.join(dir, "empty.db")}`;

  afterAll(async () => {
    await disconnectDb();
    rmSync(dir, { recursive: true, force: true });
  });

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
