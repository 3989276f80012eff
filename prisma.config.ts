// Read by the Prisma CLI (`prisma generate`, and `prisma migrate` on machines that have the
// native engine). Offline migrations go through scripts/db-migrate.ts, which uses the same
// schema and migrations folder.
import { defineConfig } from "prisma/config";
import { resolveDatabaseUrl } from "./server/adapters/db/database-url";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: resolveDatabaseUrl(process.env) },
});
