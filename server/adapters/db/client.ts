/**
 * The process's one Prisma client, and the start-up checks around it. The generated client
 * runs on a driver adapter (better-sqlite3, or pg for PostgreSQL), so no Rust engine is
 * loaded. Everything thrown from here is a DbError.
 *
 * Each provider has its own generated client (prisma/schema.prisma, prisma/postgresql/schema.prisma),
 * picked here by DATABASE_URL. Both schemas hold the same models and differ only in native
 * column types, and Prisma generates a client's whole model API from the models alone, so both
 * clients have the same API; the rest of the code is typed against the SQLite one (`TopsailDb`).
 * TypeScript cannot compare the two clients' generic method types (two separately generated
 * copies), so what is compared is what they are generated from: the rows of every model must be
 * the same types (`modelsAgree` below), and schema-files.test.ts checks the schemas hold
 * the same models, fields and indexes.
 */
import "server-only";
import { DbError } from "@/server/errors";
import { DatabaseSetupError } from "./database-setup-error";
import { detectDatabaseProvider, redactDatabaseUrl, resolveDatabaseUrl } from "./database-url";
import { caseInsensitiveLike } from "./case-insensitive-like";
import { createDriverAdapter } from "./driver-adapter";
import { PrismaClient } from "./generated/client";
import type * as Sqlite from "./generated/client";
import { PrismaClient as PostgresqlPrismaClient } from "./generated-postgresql/client";
import type * as Postgresql from "./generated-postgresql/client";
import { applyPendingMigrations } from "./migrate";

export type TopsailDb = PrismaClient;

function openClient(databaseUrl: string): TopsailDb {
  const adapter = createDriverAdapter(databaseUrl);
  if (detectDatabaseProvider(databaseUrl) === "sqlite") return new PrismaClient({ adapter });
  // Same models, so the same model API (see the top of this file; `modelsAgree` checks it).
  const client = new PostgresqlPrismaClient({ adapter }).$extends({
    query: { $allModels: { $allOperations: ({ args, query }) => query(caseInsensitiveLike(args)) } },
  });
  return client as unknown as TopsailDb;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to compile when a model's fields differ between the two schemas.
export const modelsAgree: [
  Same<Sqlite.AuditEntry, Postgresql.AuditEntry>,
  Same<Sqlite.Experiment, Postgresql.Experiment>,
  Same<Sqlite.ExperimentEvent, Postgresql.ExperimentEvent>,
] = [true, true, true];

// On globalThis so that Next.js dev reloads of this module reuse the client instead of
// opening one more connection (pool) each time.
interface DbGlobals {
  clients: Map<string, PrismaClient>;
  migrated: Map<string, Promise<{ applied: string[] }>>;
}
const globals = globalThis as typeof globalThis & { __topsailDb?: DbGlobals };
const state: DbGlobals = (globals.__topsailDb ??= { clients: new Map(), migrated: new Map() });

export function getDb(databaseUrl: string = defaultUrl()): PrismaClient {
  let client = state.clients.get(databaseUrl);
  if (!client) {
    try {
      client = openClient(databaseUrl);
    } catch (error) {
      throw toDbError(error, `could not open the database at ${redactDatabaseUrl(databaseUrl)}`);
    }
    state.clients.set(databaseUrl, client);
  }
  return client;
}

/** For /api/status: never throws; a failure says what is wrong and what to run. */
export async function checkDatabase(databaseUrl?: string): Promise<{ ok: boolean; message?: string }> {
  let url: string;
  try {
    url = databaseUrl ?? defaultUrl();
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const where = redactDatabaseUrl(url);
  try {
    // Touches a real table, so an unmigrated database is caught as well as an unreachable one.
    await getDb(url).auditEntry.findFirst({ select: { id: true } });
    return { ok: true };
  } catch (error) {
    const text = error instanceof Error ? error.message.trim() : String(error);
    if (/does not exist|no such table/i.test(text)) {
      return {
        ok: false,
        message: `database at ${where} has no tables yet: run npm run setup (or npm run db:migrate)`,
      };
    }
    // Prisma's messages open with the call site; the last line is the driver's reason.
    const reason = text.split("\n").at(-1)?.trim() || text;
    return {
      ok: false,
      message: `database at ${where} is not usable (${reason}): check DATABASE_URL, then run npm run setup`,
    };
  }
}

/** Applies pending migrations once per process and URL; called at server start. */
export function ensureDatabaseMigrated(databaseUrl: string = defaultUrl()): Promise<{ applied: string[] }> {
  let migrated = state.migrated.get(databaseUrl);
  if (!migrated) {
    migrated = applyPendingMigrations(databaseUrl).catch((error: unknown) => {
      // Forget the failure so a later call (after the operator fixes the cause) tries again.
      state.migrated.delete(databaseUrl);
      throw toDbError(error, `could not migrate the database at ${redactDatabaseUrl(databaseUrl)}`);
    });
    state.migrated.set(databaseUrl, migrated);
  }
  return migrated;
}

/** Closes every client this process opened (shutdown, tests). */
export async function disconnectDb(): Promise<void> {
  const clients = [...state.clients.values()];
  state.clients.clear();
  state.migrated.clear();
  await Promise.allSettled(clients.map((client) => client.$disconnect()));
}

function defaultUrl(): string {
  try {
    return resolveDatabaseUrl(process.env);
  } catch (error) {
    throw toDbError(error, "DATABASE_URL is not usable");
  }
}

function toDbError(error: unknown, context: string): DbError {
  if (error instanceof DbError) return error;
  // DatabaseSetupError messages already name the database and the cause.
  if (error instanceof DatabaseSetupError) return new DbError(error.message, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new DbError(`${context}: ${reason}`, { cause: error });
}
