/**
 * The console's log: JSON lines on standard output (pino), one per API request and one per
 * cluster write, for whatever collects container logs. Secrets never go in: log the fields
 * named here, never whole requests or objects.
 */
import "server-only";
import pino from "pino";
import { getConfig } from "@/server/config";

const globals = globalThis as typeof globalThis & { __topsailLogger?: pino.Logger };

/**
 * The process's logger, made on first use rather than at import: the configuration (its
 * level) is read once per process, and reading it while modules load would fix it before a
 * test or a start script has set the environment.
 */
export function getLogger(): pino.Logger {
  return (globals.__topsailLogger ??= pino({
    base: { service: "topsail" },
    level: getConfig().logLevel,
    // Level names as words ("info"), which log tools read without a mapping table.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  }));
}
