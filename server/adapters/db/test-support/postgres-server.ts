/**
 * A throwaway PostgreSQL for tests: Debian's `postgresql` package (scripts/setup.sh installs it),
 * a new cluster (`initdb`) in a temporary folder, started by `pg_ctl` on a free loopback port and
 * deleted by `stop()`. PostgreSQL refuses to run as root, and CI runs as root: there the cluster
 * belongs to the unprivileged `nobody` and its commands run through `runuser`; a normal user
 * runs them directly. Trust authentication is safe here: the server listens on 127.0.0.1 only,
 * and its socket lives in the cluster's own folder.
 */
import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";

const run = promisify(execFile);

/** Debian's newest installed PostgreSQL (`/usr/lib/postgresql/<major>/bin`), as scripts/setup.sh installs it. */
export const POSTGRES_BIN = newestPostgresBin();
const unprivilegedUser = "nobody";

export interface PostgresServer {
  /** URL of the cluster's `postgres` database. */
  url: string;
  /** Creates an empty database and returns its URL: one per test keeps tests independent. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and keeps its data, as an outage would; `resume()` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  if (!existsSync(path.join(POSTGRES_BIN, "initdb")))
    throw new Error(`PostgreSQL is not installed (${POSTGRES_BIN}/initdb is missing): run npm run setup`);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "topsail-pg-"));
  if (asRoot) {
    const [uid, gid] = await Promise.all([idOf("-u"), idOf("-g")]);
    chownSync(dir, uid, gid);
  }
  const pg = (command: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", unprivilegedUser, "--", path.join(POSTGRES_BIN, command), ...args])
      : run(path.join(POSTGRES_BIN, command), args);
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  try {
    await pg("initdb", ["-D", data, "-U", "topsail", "--auth=trust", "--encoding=UTF8", "--no-locale"]);
    const port = await freePort();
    // fsync off: a test cluster never has to survive a power cut, and it makes every commit faster.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`;
    await pg("pg_ctl", ["-D", data, "-l", logFile, "-w", "-o", options, "start"]);
    // A test process that ends without `stop()` (a failed hook, an uncaught error) must not leave
    // a server running: stop it on the way out, synchronously as an exit handler must.
    const stopOnExit = () => {
      const args = ["-D", data, "-m", "immediate", "stop"];
      const bin = path.join(POSTGRES_BIN, "pg_ctl");
      spawnSync(asRoot ? "runuser" : bin, asRoot ? ["-u", unprivilegedUser, "--", bin, ...args] : args);
      rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", stopOnExit);
    const url = `postgresql://topsail@127.0.0.1:${port}/postgres`;
    return {
      url,
      async createDatabase(name) {
        const client = new Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
        } finally {
          await client.end();
        }
        return `postgresql://topsail@127.0.0.1:${port}/${encodeURIComponent(name)}`;
      },
      async pause() {
        await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      },
      async resume() {
        await pg("pg_ctl", ["-D", data, "-l", logFile, "-w", "-o", options, "start"]);
      },
      async stop() {
        process.off("exit", stopOnExit);
        // Immediate: the data is thrown away, so there is nothing to flush.
        await pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
    await pg("pg_ctl", ["-D", data, "-m", "immediate", "stop"]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `could not start a test PostgreSQL: ${error instanceof Error ? error.message : String(error)}\n${log}`,
      {
        cause: error,
      },
    );
  }
}

function newestPostgresBin(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0] ?? "15";
  return path.join(root, newest, "bin");
}

async function idOf(flag: "-u" | "-g"): Promise<number> {
  const { stdout } = await run("id", [flag, unprivilegedUser]);
  return Number(stdout.trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
