/**
 * Applies, inspects and creates migrations without Prisma's native engine (see
 * schema-engine.ts). Uses Prisma's own `_prisma_migrations` table and folder layout, so a
 * machine with the native CLI sees the same history. No "server-only" import: the
 * db-migrate script runs this module under tsx.
 */
import { existsSync } from "node:fs";
import type { DiffParams, MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { DatabaseSetupError } from "./database-setup-error";
import { detectDatabaseProvider, redactDatabaseUrl } from "./database-url";
import { createDriverAdapter } from "./driver-adapter";
import {
  migrationDirectoryName,
  prismaPaths,
  readMigrationsFolder,
  readSchema,
  writeMigration,
} from "./migrations-folder";
import { type EngineAdapter, prepareEngineAdapter } from "./engine-adapter";
import {
  errorText,
  type MigrationEngine,
  type OpenedMigrationEngine,
  openMigrationEngine,
  type SchemaFileContent,
} from "./schema-engine";

export interface MigrateOptions {
  /** Repo root holding `prisma/`; defaults to the working directory. */
  rootDir?: string;
}

export interface MigrationStatus {
  upToDate: boolean;
  /** In the migrations folder, not yet applied to the database. */
  pending: string[];
  /** Applied to the database but missing from the folder (another branch, or a deleted folder). */
  unknownToFolder: string[];
  failed: string[];
  /** Applied, then changed on disk: the checksum no longer matches. */
  edited: string[];
  /** One line for a CLI or a status page. */
  summary: string;
}

const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export async function applyPendingMigrations(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  return withEngine(databaseUrl, options, "apply migrations to", async (engine, migrationsList) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return { applied: appliedMigrationNames };
  });
}

export async function migrationStatus(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrationStatus> {
  return withEngine(databaseUrl, options, "read the migration history of", async (engine, migrationsList) => {
    const allNames = migrationsList.migrationDirectories.map((dir) => dir.path);
    const diagnosis = await engine
      .diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters })
      .catch((error: unknown) => {
        // A database never migrated has no `_prisma_migrations` table (P1014): everything is pending.
        if (/P1014|_prisma_migrations`? does not exist/.test(errorText(error))) return undefined;
        throw error;
      });
    if (diagnosis === undefined || !diagnosis.hasMigrationsTable) return describeStatus(allNames, [], [], []);
    const history = diagnosis.history;
    const pending =
      history?.diagnostic === "databaseIsBehind" || history?.diagnostic === "historiesDiverge"
        ? history.unappliedMigrationNames
        : [];
    const unknown =
      history?.diagnostic === "migrationsDirectoryIsBehind" || history?.diagnostic === "historiesDiverge"
        ? history.unpersistedMigrationNames
        : [];
    return describeStatus(pending, unknown, diagnosis.failedMigrationNames, diagnosis.editedMigrationNames);
  });
}

/**
 * Writes `prisma/migrations/<timestamp>_<name>/migration.sql` with the SQL that takes the
 * folder's history to the current schema, or writes nothing when they already match. Uses
 * `diff` against an in-memory SQLite shadow database: the wasm engine's `createMigration`
 * needs a shadow database factory it cannot get here.
 */
export async function createMigration(
  name: string,
  options: MigrateOptions & { now?: Date } = {},
): Promise<{ created: string | null }> {
  const paths = prismaPaths(options.rootDir);
  // Only the shadow database is used; ":memory:" keeps both connections off the disk.
  return withEngine("file::memory:", options, "create a migration with", async (engine, migrationsList, schema) => {
    // The engine reads the provider from migration_lock.toml, which the first migration writes.
    const from: DiffParams["from"] =
      migrationsList.migrationDirectories.length === 0 ? { tag: "empty" } : { tag: "migrations", ...migrationsList };
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: noFilters,
    });
    // exitCode 2 is the engine's "there are changes"; 0 means the folder already matches.
    if (result.exitCode !== 2 || !result.stdout) return { created: null };
    const dirName = migrationDirectoryName(name, options.now ?? new Date());
    await writeMigration(paths.migrationsDir, dirName, result.stdout, "sqlite");
    return { created: dirName };
  });
}

function describeStatus(pending: string[], unknown: string[], failed: string[], edited: string[]): MigrationStatus {
  const problems = [
    pending.length > 0 ? `${pending.length} pending (${pending.join(", ")}): run npm run db:migrate` : "",
    unknown.length > 0 ? `${unknown.length} applied but not in prisma/migrations (${unknown.join(", ")})` : "",
    failed.length > 0 ? `${failed.length} failed (${failed.join(", ")})` : "",
    edited.length > 0 ? `${edited.length} edited after being applied (${edited.join(", ")})` : "",
  ].filter((text) => text !== "");
  const upToDate = problems.length === 0;
  return {
    upToDate,
    pending,
    unknownToFolder: unknown,
    failed,
    edited,
    summary: upToDate ? "database schema is up to date" : problems.join("; "),
  };
}

async function withEngine<T>(
  databaseUrl: string,
  options: MigrateOptions,
  doing: string,
  work: (engine: MigrationEngine, migrationsList: MigrationList, schema: SchemaFileContent) => Promise<T>,
): Promise<T> {
  const where = redactDatabaseUrl(databaseUrl);
  let opened: OpenedMigrationEngine | undefined;
  let adapter: EngineAdapter | undefined;
  try {
    const provider = detectDatabaseProvider(databaseUrl);
    const paths = prismaPaths(options.rootDir, provider);
    if (provider === "postgresql" && !existsSync(paths.migrationsDir)) {
      throw new DatabaseSetupError(
        `no migrations for ${where}: ${paths.migrationsDir} does not exist (PostgreSQL migrations are not written yet; use SQLite, the default)`,
      );
    }
    adapter = prepareEngineAdapter(createDriverAdapter(databaseUrl));
    const [schema, migrationsList] = await Promise.all([
      readSchema(paths.schemaPath),
      readMigrationsFolder(paths.migrationsDir),
    ]);
    opened = await openMigrationEngine(schema, adapter.factory);
    return await work(opened.engine, migrationsList, schema);
  } catch (error) {
    if (error instanceof DatabaseSetupError) throw error;
    const reason = opened ? opened.explainError(error) : errorText(error);
    throw new DatabaseSetupError(`could not ${doing} ${where}: ${reason}`, { cause: error });
  } finally {
    opened?.engine.free();
    await adapter?.disposeConnections();
  }
}
