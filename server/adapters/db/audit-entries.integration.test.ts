import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEntry, listAuditEntries } from "./audit-entries";
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
