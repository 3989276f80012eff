import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
    expect(await createMigration("nothing", { rootDir: root })).toEqual({ created: null });
  });

  it("refuses a change made to one schema only", async () => {
    addField(sqlite.schemaPath, "note String?");
    await expect(createMigration("note", { rootDir: root })).rejects.toThrow(
      "prisma/schema.prisma changed but prisma/postgresql/schema.prisma did not",
    );
    expect(readdirSync(sqlite.migrationsDir)).not.toContainEqual(expect.stringMatching(/_note$/));
  });

  it("writes one migration into each folder for a change made to both, and both folders apply", async () => {
    addField(postgresql.schemaPath, "note String?");
    const { created } = await createMigration("note", { rootDir: root, now: new Date("2030-01-01T00:00:00Z") });
    expect(created).toBe("20300101000000_note");
    expect(migrationSql(sqlite.migrationsDir, "20300101000000_note")).toContain(
      'ALTER TABLE "Experiment" ADD COLUMN "note" TEXT;',
    );
    expect(migrationSql(postgresql.migrationsDir, "20300101000000_note")).toContain(
      'ALTER TABLE "Experiment" ADD COLUMN     "note" TEXT;',
    );
    expect(readFileSync(migratedSchemaFile(root), "utf8")).toBe(readFileSync(postgresql.schemaPath, "utf8"));
    expect(await createMigration("again", { rootDir: root })).toEqual({ created: null });
    for (const database of testDatabases) {
      const { applied } = await applyPendingMigrations(await database.create(), { rootDir: root });
      expect(applied.at(-1)).toBe("20300101000000_note");
    }
  });
});
