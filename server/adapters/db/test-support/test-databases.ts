/**
 * The databases Topsail supports, for integration tests that must hold on each:
 * `describe.each(testDatabases)` runs a suite on SQLite and on PostgreSQL. Every `create()`
 * gives an empty, never-migrated database of its own; `stopTestDatabases()` (in `afterAll`)
 * closes the clients and deletes them all. One PostgreSQL server per test file, started on
 * first use (postgres-server.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { disconnectDb } from "../client";
import type { DatabaseProvider } from "../database-url";
import { startPostgres, type PostgresServer } from "./postgres-server";

export interface TestDatabase {
  provider: DatabaseProvider;
  /** The URL of a new empty database. */
  create(): Promise<string>;
}

const sqliteDirs: string[] = [];
let postgres: Promise<PostgresServer> | undefined;
let created = 0;

export const testDatabases: TestDatabase[] = [
  {
    provider: "sqlite",
    async create() {
      const dir = mkdtempSync(path.join(tmpdir(), "topsail-db-"));
      sqliteDirs.push(dir);
      // A folder that does not exist yet: opening the database must create it, like .topsail/.
      return `file:${path.join(dir, "nested", "topsail.db")}`;
    },
  },
  {
    provider: "postgresql",
    async create() {
      postgres ??= startPostgres();
      created += 1;
      return (await postgres).createDatabase(`topsail_test_${created}`);
    },
  },
];

export async function stopTestDatabases(): Promise<void> {
  await disconnectDb();
  const server = await postgres?.catch(() => undefined);
  postgres = undefined;
  await server?.stop();
  for (const dir of sqliteDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
