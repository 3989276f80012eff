/**
 * Several replicas of the console start together on one PostgreSQL, and each applies pending
 * migrations at start (client.ts `ensureDatabaseMigrated`). A session-level advisory lock on a
 * connection of its own makes them take turns: the first applies, the others then find nothing
 * pending. A replica that dies while holding it loses its connection, and PostgreSQL releases
 * the lock with it. SQLite needs none: it is one file for one console.
 *
 * The wasm schema engine takes Prisma's own advisory lock too, but through the driver adapter's
 * pool: the session holding it is whichever pooled connection ran that query, and pg closes a
 * pooled connection left idle for 10 s (its default), releasing the lock in the middle of a long
 * migration. This lock lives on a connection of its own for the whole run.
 */
import { Client } from "pg";
import { DatabaseSetupError } from "./database-setup-error";
import { redactDatabaseUrl } from "./database-url";

/**
 * "Tops" in ASCII. Not Prisma's own key (72707369, which the native `prisma migrate` takes on
 * its connection): the engine inside this lock may take that one without waiting on us.
 */
export const MIGRATION_LOCK_KEY = 0x546f7073;

export async function withMigrationLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  // An idle connection that errors (the server restarts) must not crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseSetupError(`could not take the migration lock on ${redactDatabaseUrl(databaseUrl)}: ${reason}`, {
      cause: error,
    });
  }
  try {
    return await work();
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
