import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { readMigrationsFolder, prismaPaths } from "./migrations-folder";
import { stopTestDatabases, testDatabases } from "./test-support/test-databases";

const run = promisify(execFile);
const postgresql = testDatabases.find((db) => db.provider === "postgresql");

afterAll(stopTestDatabases);

/** `npm run db:migrate`, as each replica's start runs it. */
function migrate(databaseUrl: string) {
  return run(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

describe("replicas starting together on a fresh PostgreSQL", () => {
  it("both migrate successfully, and each migration is applied once", async () => {
    const url = await postgresql!.create();
    const folder = await readMigrationsFolder(prismaPaths(undefined, "postgresql").migrationsDir);
    const names = folder.migrationDirectories.map((dir) => dir.path);

    const outputs = (await Promise.all([migrate(url), migrate(url)])).map((result) => result.stdout.trim());

    // One replica applied everything while the other waited on the lock and found nothing left.
    expect(outputs.sort()).toEqual([
      expect.stringMatching(new RegExp(`^applied ${names.length} migration\\(s\\) to .*: ${names.join(", ")}$`)),
      expect.stringMatching(/^no pending migrations: .* is up to date$/),
    ]);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished: boolean }>(
        `SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name`,
      );
      expect(rows).toEqual(names.map((name) => ({ migration_name: name, finished: true })));
    } finally {
      await client.end();
    }
  });
});
