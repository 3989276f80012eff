/**
 * The process's one Prisma client, and the start-up checks around it. The generated client
 * runs on a driver adapter (better-sqlite3, or pg for PostgreSQL), so no Rust engine is
 * loaded. Everything thrown from here is a DbError.
 */
import "server-only";
import { DbError } from "@/server/errors";
import { DatabaseSetupError } from "./database-setup-error";
import { redactDatabaseUrl, resolveDatabaseUrl } from "./database-url";
import { createDriverAdapter } from "./driver-adapter";
import { PrismaClient } from "./generated/client";
import { applyPendingMigrations } from "./migrate";

export type TopsailDb = PrismaClient;

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
      client = new PrismaClient({ adapter: createDriverAdapter(databaseUrl) });
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
