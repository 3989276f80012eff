/**
 * Decides whether this console process can serve (a Kubernetes readiness probe): the database
 * answers and its schema is up to date. Kubernetes and Prometheus are reported alongside but
 * do not count, because the pages degrade with a banner when either is gone, and taking every
 * replica out of rotation would hide that banner behind a load balancer error. Never throws.
 */
import "server-only";
import type { Readiness } from "@/lib/contracts/probes";

type Check = Readiness["checks"]["database"];

export interface ReadinessProbes {
  database: () => Promise<Check>;
  /** Runs only when the database answers: a migration check on a dead database says nothing new. */
  migrations: () => Promise<Check>;
  /** Reported only; must not throw (server/status already turns failures into messages). */
  connections: () => Promise<{ kubernetes: Check; prometheus: Check }>;
}

async function settle(probe: () => Promise<Check>): Promise<Check> {
  try {
    return await probe();
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export async function checkReadiness(probes: ReadinessProbes): Promise<Readiness> {
  const [database, connections] = await Promise.all([
    settle(probes.database),
    probes.connections().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      return { kubernetes: { ok: false, message }, prometheus: { ok: false, message } };
    }),
  ]);
  const migrations: Check = database.ok
    ? await settle(probes.migrations)
    : { ok: false, message: "not checked: the database is not reachable" };
  const failed = !database.ok ? database : !migrations.ok ? migrations : undefined;
  return {
    status: failed ? "unready" : "ready",
    ...(failed ? { reason: failed.message ?? "unknown" } : {}),
    checks: { database, migrations, ...connections },
  };
}
