// Read by the Prisma CLI (`prisma generate`, and `prisma migrate` on machines that have the
// native engine). DATABASE_URL picks the provider, and with it the schema and migrations folder
// (server/adapters/db/migrations-folder.ts): `file:` is SQLite, `postgresql://` PostgreSQL.
// Offline migrations go through scripts/db-migrate.ts, which uses the same folders.
import { defineConfig } from "prisma/config";
import { detectDatabaseProvider, resolveDatabaseUrl } from "./server/adapters/db/database-url";
import { prismaPaths } from "./server/adapters/db/migrations-folder";

const url = resolveDatabaseUrl(process.env);
const paths = prismaPaths(".", detectDatabaseProvider(url));

export default defineConfig({
  schema: paths.schemaPath,
  migrations: { path: paths.migrationsDir },
  datasource: { url },
});
