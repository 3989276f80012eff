/**
 * The databases the console supports, for tests that run against each: every entry starts a
 * fresh database in a test's temporary folder, migrated, and answers its DATABASE_URL.
 */
import path from "node:path";
import { applyPendingMigrations } from "../migrate";

export interface ConsoleDatabase {
  name: string;
  start(dir: string): Promise<string>;
  stop(): Promise<void>;
}

export function consoleDatabases(): ConsoleDatabase[] {
  return [
    {
      name: "SQLite",
      async start(dir) {
        const url = `file:${path.join(dir, "console.db")}`;
        await applyPendingMigrations(url);
        return url;
      },
      async stop() {},
    },
  ];
}
