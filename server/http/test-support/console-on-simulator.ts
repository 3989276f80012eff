/**
 * For integration tests that call the console's route handlers: one in-process simulator and
 * one migrated SQLite file in a temporary directory, with KUBECONFIG and DATABASE_URL
 * pointing at them — the same environment the console reads in production — restored and
 * removed again by `stop()`. The test starts the simulator itself (server code never
 * imports sim/) and hands this helper what it needs of it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { disconnectDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { connectionFromKubeconfig, type KubeConnection } from "@/server/adapters/kube";

/** What the helper needs of a running simulator (sim/index.ts RunningSimulator). */
export interface SimulatorLike {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export interface ConsoleOnSimulator<S extends SimulatorLike> {
  sim: S;
  dir: string;
  connection: KubeConnection;
  dbUrl: string;
  /** Restores the environment, closes the database and the simulator, removes the directory. */
  stop(): Promise<void>;
}

const envNames = ["KUBECONFIG", "DATABASE_URL"] as const;

export async function startConsoleOnSimulator<S extends SimulatorLike>(
  prefix: string,
  start: (paths: { dataDir: string; kubeconfigPath: string }) => Promise<S>,
): Promise<ConsoleOnSimulator<S>> {
  const saved = Object.fromEntries(envNames.map((name) => [name, process.env[name]]));
  const dir = await mkdtemp(path.join(tmpdir(), `topsail-${prefix}-`));
  const sim = await start({ dataDir: path.join(dir, "sim"), kubeconfigPath: path.join(dir, "kubeconfig") });
  const dbUrl = `file:${path.join(dir, "topsail.db")}`;
  await applyPendingMigrations(dbUrl);
  process.env.KUBECONFIG = sim.kubeconfigPath;
  process.env.DATABASE_URL = dbUrl;
  return {
    sim,
    dir,
    connection: connectionFromKubeconfig(sim.kubeconfigPath),
    dbUrl,
    async stop() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await disconnectDb();
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
