/**
 * Where the database is, from DATABASE_URL. Pure (no I/O) so the Prisma config, the migration
 * script, the server config and unit tests share one rule. No "server-only" import: scripts
 * run it too.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DatabaseSetupError } from "./database-setup-error";

export type DatabaseProvider = "sqlite" | "postgresql";

/** Relative to the repo root; `.topsail/` is gitignored. */
export const DEFAULT_DATABASE_URL = "file:.topsail/topsail.db";

const postgresPrefixes = ["postgres://", "postgresql://"];

export function resolveDatabaseUrl(
  env: Readonly<Record<string, string | undefined>>,
  rootDir: string = process.cwd(),
): string {
  const raw = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (detectDatabaseProvider(raw) === "postgresql") return raw;
  const filePath = sqliteFilePath(raw);
  // An absolute path keeps the database the same whatever the working directory of the
  // process that opens it (Next.js, tsx scripts, Vitest).
  return filePath === ":memory:" ? raw : `file:${path.resolve(rootDir, filePath)}`;
}

export function detectDatabaseProvider(url: string): DatabaseProvider {
  if (postgresPrefixes.some((prefix) => url.startsWith(prefix))) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new DatabaseSetupError(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got "${redactDatabaseUrl(url)}"`,
  );
}

/** The file a `file:` URL names, as written (relative paths stay relative). */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) throw new DatabaseSetupError(`not a SQLite URL: "${redactDatabaseUrl(url)}"`);
  if (url.startsWith("file://")) return fileURLToPath(url);
  const filePath = url.slice("file:".length);
  if (filePath === "") throw new DatabaseSetupError('DATABASE_URL "file:" names no file');
  return filePath;
}

/** For messages and logs: never print a PostgreSQL password. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+):[^@]*@/i, "$1:***@");
}
