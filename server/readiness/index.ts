/** The live readiness check, wired to the real adapters. */
import "server-only";
import type { Readiness } from "@/lib/contracts/probes";
import { checkDatabase } from "@/server/adapters/db/client";
import { resolveDatabaseUrl } from "@/server/adapters/db/database-url";
import { migrationStatus } from "@/server/adapters/db/migrate";
import { getLiveConnectionStatus } from "@/server/status";
import { checkReadiness } from "./check-readiness";

// Kubelet probes every few seconds and gives up after the probe's timeoutSeconds (5 in
// deploy/base/deployment.yaml): the reported connections must answer well within it.
const connectionTimeoutMs = 2000;

// The migration check starts Prisma's wasm schema engine, too heavy for every probe. Once this
// process has seen the schema up to date it stays so (migrations only move forward), so only
// a database not yet migrated is checked again. Keyed by URL, as server/adapters/db/client.ts does.
const upToDate = new Set<string>();

async function checkMigrations(): Promise<{ ok: boolean; message?: string }> {
  const url = resolveDatabaseUrl(process.env);
  if (upToDate.has(url)) return { ok: true };
  const status = await migrationStatus(url);
  if (status.upToDate) upToDate.add(url);
  return status.upToDate ? { ok: true } : { ok: false, message: status.summary };
}

export function getReadiness(): Promise<Readiness> {
  return checkReadiness({
    database: () => checkDatabase(),
    migrations: checkMigrations,
    connections: async () => {
      const { kubernetes, prometheus } = await getLiveConnectionStatus(connectionTimeoutMs);
      return {
        kubernetes: { ok: kubernetes.ok, ...(kubernetes.message ? { message: kubernetes.message } : {}) },
        prometheus: { ok: prometheus.ok, ...(prometheus.message ? { message: prometheus.message } : {}) },
      };
    },
  });
}
