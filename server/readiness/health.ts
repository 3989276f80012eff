/**
 * Liveness: the process answers requests. Deliberately checks nothing else (no database, no
 * cluster), so a slow dependency never gets a working process restarted; readiness is the
 * probe that looks at dependencies (check-readiness.ts). A module of its own so the liveness
 * route loads none of the adapters.
 */
import "server-only";
import type { Health } from "@/lib/contracts/probes";

export function getHealth(): Health {
  return { status: "ok" };
}
