/**
 * Applies, inspects and creates migrations without Prisma's native engine (see
 * schema-engine.ts). Uses Prisma's own `_prisma_migrations` table and folder layout, so a
 * machine with the native CLI sees the same history. No "server-only" import: the
 * db-migrate script runs this module under tsx.
 */
import { existsSync } from "node:fs";
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import type { DiffParams, MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { DatabaseSetupError } from "./database-setup-error";
import { detectDatabaseProvider, redactDatabaseUrl } from "./database-url";
import { createDriverAdapter } from "./driver-adapter";
import { withMigrationLock } from "./migration-lock";
import {
  migrationDirectoryName,
  prismaPaths,
  readMigrationsFolder,
  readSchema,
  schemaFolderByProvider,
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

/** On PostgreSQL, under an advisory lock (migration-lock.ts): replicas starting together apply each migration once. */
export async function applyPendingMigrations(
  databaseUrl: string,
  options: MigrateOptions = {},
): Promise<{ applied: string[] }> {
  const apply = () =>
    withEngine(databaseUrl, options, "apply migrations to", async (engine, migrationsList) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return { applied: appliedMigrationNames };
    });
  return detectDatabaseProvider(databaseUrl) === "postgresql" ? withMigrationLock(databaseUrl, apply) : apply();
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
 * Writes one migration with the same name into both providers' folders, or nothing when the
 * schemas did not change:
 * - SQLite: the SQL that takes `prisma/migrations` to prisma/schema.prisma, diffed on an
 *   in-memory shadow database (the wasm engine's `createMigration` needs a shadow database
 *   factory it cannot get here);
 * - PostgreSQL: the SQL that takes the schema of the last PostgreSQL migration (a copy kept in
 *   `prisma/postgresql/schema.prisma.migrated`, rewritten here) to prisma/postgresql/schema.prisma,
 *   diffed without any database (adapter-pg 7.10 cannot serve as a shadow database).
 * A provider whose schema did not change gets none: that is how a migration made for one
 * provider only (on another branch) is ported to the other. That the two schemas end up with
 * the same models is schema-files.test.ts's to check.
 */
export async function createMigration(
  name: string,
  options: MigrateOptions & { now?: Date } = {},
): Promise<{ created: string | null; files: string[] }> {
  const rootDir = options.rootDir ?? process.cwd();
  const dirName = migrationDirectoryName(name, options.now ?? new Date());
  const postgresqlPaths = prismaPaths(rootDir, "postgresql");
  const migratedSchemaPath = migratedSchemaFile(rootDir);
  const migrated = existsSync(migratedSchemaPath) ? await readFile(migratedSchemaPath, "utf8") : null;
  // One after the other: the wasm engine keeps its state in module globals (schema-engine.ts).
  const sqlite = await sqliteChanges(rootDir);
  const postgresql = await postgresqlChanges(postgresqlPaths.schemaPath, migrated);
  if (sqlite === null && postgresql === null) return { created: null, files: [] };
  const files: string[] = [];
  if (sqlite !== null)
    files.push(await writeMigration(prismaPaths(rootDir, "sqlite").migrationsDir, dirName, sqlite, "sqlite"));
  if (postgresql !== null) {
    files.push(await writeMigration(postgresqlPaths.migrationsDir, dirName, postgresql, "postgresql"));
    await copyFile(postgresqlPaths.schemaPath, migratedSchemaPath);
  }
  return { created: dirName, files: files.map((file) => path.relative(rootDir, file)) };
}

/** The PostgreSQL schema as its migrations leave the database; a unit test keeps it equal to the schema. */
export function migratedSchemaFile(rootDir: string = process.cwd()): string {
  return path.join(rootDir, schemaFolderByProvider.postgresql, "schema.prisma.migrated");
}

async function sqliteChanges(rootDir: string): Promise<string | null> {
  // Only the shadow database is used; ":memory:" keeps both connections off the disk.
  return withEngine("file::memory:", { rootDir }, "create a migration with", async (engine, migrationsList, schema) => {
    // The engine reads the provider from migration_lock.toml, which the first migration writes.
    const from: DiffParams["from"] =
      migrationsList.migrationDirectories.length === 0 ? { tag: "empty" } : { tag: "migrations", ...migrationsList };
    return changesOf(
      await engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: true,
        filters: noFilters,
      }),
    );
  });
}

async function postgresqlChanges(schemaPath: string, previous: string | null): Promise<string | null> {
  const schema = await readSchema(schemaPath);
  // The engine needs a driver adapter to start, and connects at once; a diff between two schema
  // files never uses the connection, so an in-memory SQLite one serves (the provider comes from
  // the schemas) and no PostgreSQL has to be running.
  const adapter = prepareEngineAdapter(createDriverAdapter("file::memory:"));
  let opened: OpenedMigrationEngine | undefined;
  try {
    opened = await openMigrationEngine(schema, adapter.factory);
    const from: DiffParams["from"] =
      previous === null
        ? { tag: "empty" }
        : { tag: "schemaDatamodel", files: [{ path: schema.path, content: previous }] };
    const to: DiffParams["to"] = { tag: "schemaDatamodel", files: [schema] };
    return changesOf(await opened.engine.diff({ from, to, script: true, exitCode: true, filters: noFilters }));
  } catch (error) {
    const reason = opened ? opened.explainError(error) : errorText(error);
    throw new DatabaseSetupError(`could not diff the PostgreSQL schema: ${reason}`, { cause: error });
  } finally {
    opened?.engine.free();
    await adapter.disposeConnections();
  }
}

// exitCode 2 is the engine's "there are changes"; 0 means nothing to migrate.
function changesOf(result: { exitCode: number; stdout: string | null }): string | null {
  return result.exitCode === 2 && result.stdout ? result.stdout : null;
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
    if (!existsSync(paths.migrationsDir)) {
      throw new DatabaseSetupError(`no migrations for ${where}: ${paths.migrationsDir} does not exist`);
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
