import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPendingMigrations, createMigration, migratedSchemaFile } from "./migrate";
import { prismaPaths } from "./migrations-folder";
import { stopTestDatabases, testDatabases } from "./test-support/test-databases";

afterAll(stopTestDatabases);

/** The procedure in server/adapters/db/README.md, on a copy of the repository's prisma/ folder. */
describe("creating a migration for both providers", () => {
  const root = mkdtempSync(path.join(tmpdir(), "topsail-create-migration-"));
  const sqlite = prismaPaths(root, "sqlite");
  const postgresql = prismaPaths(root, "postgresql");
  const addField = (schemaPath: string, field: string) =>
    writeFileSync(
      schemaPath,
      readFileSync(schemaPath, "utf8").replace(/^( +leaseOwner +String\?)$/m, `$1\n  ${field}`),
    );
  const migrationSql = (migrationsDir: string, name: string) =>
    readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");

  beforeAll(() => cpSync(path.join(process.cwd(), "prisma"), path.join(root, "prisma"), { recursive: true }));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("writes nothing when the schemas match their migrations (partial indexes included)", async () => {
    expect(await createMigration("nothing", { rootDir: root })).toEqual({ created: null, files: [] });
  });

  it("writes one migration into each folder for a change made to both, and both folders apply", async () => {
    addField(sqlite.schemaPath, "note String?");
    addField(postgresql.schemaPath, "note String?");
    const { created, files } = await createMigration("note", { rootDir: root, now: new Date("2030-01-01T00:00:00Z") });
    expect(created).toBe("20300101000000_note");
    expect(files).toEqual([
      "prisma/migrations/20300101000000_note/migration.sql",
      "prisma/postgresql/migrations/20300101000000_note/migration.sql",
    ]);
    expect(migrationSql(sqlite.migrationsDir, "20300101000000_note")).toContain(
      'ALTER TABLE "Experiment" ADD COLUMN "note" TEXT;',
    );
    expect(migrationSql(postgresql.migrationsDir, "20300101000000_note")).toContain(
      'ALTER TABLE "Experiment" ADD COLUMN     "note" TEXT;',
    );
    expect(readFileSync(migratedSchemaFile(root), "utf8")).toBe(readFileSync(postgresql.schemaPath, "utf8"));
    expect(await createMigration("again", { rootDir: root })).toEqual({ created: null, files: [] });
    for (const database of testDatabases) {
      const { applied } = await applyPendingMigrations(await database.create(), { rootDir: root });
      expect(applied.at(-1)).toBe("20300101000000_note");
    }
  });

  it("ports a migration made for SQLite only (on another branch) to PostgreSQL alone", async () => {
    addField(sqlite.schemaPath, "tag String?");
    const sqliteOnly = await createMigration("tag", { rootDir: root, now: new Date("2030-01-02T00:00:00Z") });
    // What a branch that knew only SQLite leaves: a SQLite migration, and no PostgreSQL one.
    expect(sqliteOnly.files).toEqual(["prisma/migrations/20300102000000_tag/migration.sql"]);
    addField(postgresql.schemaPath, "tag String?");
    const port = await createMigration("tag", { rootDir: root, now: new Date("2030-01-03T00:00:00Z") });
    expect(port.files).toEqual(["prisma/postgresql/migrations/20300103000000_tag/migration.sql"]);
    expect(migrationSql(postgresql.migrationsDir, "20300103000000_tag")).toContain('ADD COLUMN     "tag" TEXT;');
  });
});
