/**
 * Offline migrations: `deploy` applies pending migrations, `status` compares the database
 * with its provider's migrations folder, `create <name>` writes a new migration from schema
 * changes into the folder of each provider whose schema changed (server/adapters/db/migrate.ts
 * `createMigration`).
 * Runs Prisma's schema engine as WebAssembly (server/adapters/db/schema-engine.ts), so it
 * needs neither the native engine nor a download.
 */
import { resolveDatabaseUrl, redactDatabaseUrl } from "../server/adapters/db/database-url";
import { applyPendingMigrations, createMigration, migrationStatus } from "../server/adapters/db/migrate";

const usage = "usage: tsx scripts/db-migrate.ts deploy | status | create <name>";

async function main(argv: string[]): Promise<number> {
  const [command, name] = argv;
  if (command === "create") {
    if (!name) {
      console.error(`create needs a migration name; ${usage}`);
      return 2;
    }
    const { files } = await createMigration(name);
    console.log(files.length > 0 ? `created ${files.join(" and ")}` : "no schema changes: no migration created");
    return 0;
  }
  const databaseUrl = resolveDatabaseUrl(process.env);
  const where = redactDatabaseUrl(databaseUrl);
  if (command === "deploy") {
    const { applied } = await applyPendingMigrations(databaseUrl);
    console.log(
      applied.length > 0
        ? `applied ${applied.length} migration(s) to ${where}: ${applied.join(", ")}`
        : `no pending migrations: ${where} is up to date`,
    );
    return 0;
  }
  if (command === "status") {
    const status = await migrationStatus(databaseUrl);
    console.log(`${where}: ${status.summary}`);
    return status.upToDate ? 0 : 1;
  }
  console.error(usage);
  return 2;
}

// Explicit exit: a pg pool or a wasm handle would otherwise keep the process alive for seconds.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db-migrate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
