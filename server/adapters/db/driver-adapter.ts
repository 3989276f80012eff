/**
 * The Prisma driver adapter for a DATABASE_URL: better-sqlite3 for `file:` URLs, pg for
 * PostgreSQL. Both the client and the migration engine run on it, so neither needs a Rust
 * engine binary.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { detectDatabaseProvider, sqliteFilePath } from "./database-url";

export function createDriverAdapter(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  if (detectDatabaseProvider(databaseUrl) === "postgresql") {
    return new PrismaPg({ connectionString: databaseUrl });
  }
  const filePath = sqliteFilePath(databaseUrl);
  // SQLite creates the file but not its folder (`.topsail/` on a fresh checkout).
  if (filePath !== ":memory:") mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  return new PrismaBetterSqlite3({ url: databaseUrl });
}
