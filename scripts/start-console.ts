/**
 * `npm start`: checks the configuration (one line naming the bad variable, then exit),
 * applies pending database migrations, and starts the production Next.js server on the
 * configured host and port (scripts/serve-console.ts, which also tells route handlers who
 * connected). Ctrl-C (or SIGTERM) stops it.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseConfig } from "../server/config/parse-config";
import { applyPendingMigrations } from "../server/adapters/db/migrate";

const root = path.resolve(import.meta.dirname, "..");

async function main(): Promise<number> {
  const result = parseConfig(process.env);
  if (!result.ok) {
    process.stderr.write(`${result.message}\n`);
    return 2;
  }
  const { config } = result;
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    process.stderr.write("No production build found: run `npm run build` first.\n");
    return 2;
  }
  try {
    const { applied } = await applyPendingMigrations(config.databaseUrl, { rootDir: root });
    if (applied.length > 0) console.log(`Applied database migrations: ${applied.join(", ")}`);
  } catch (error) {
    process.stderr.write(`Database migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }

  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "scripts", "serve-console.ts"), config.server.host, String(config.server.port)],
    {
      cwd: root,
      stdio: "inherit",
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: config.databaseUrl,
      },
    },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 0 : 1))));
}

main().then((code) => process.exit(code));
