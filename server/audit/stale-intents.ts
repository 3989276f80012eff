/**
 * Pending audit entries that their console will never resolve: it died between recording
 * the intent and recording the outcome, or has not recorded it for longer than any write
 * takes. Each is resolved by what the cluster holds (judge-change.ts
 * `outcomeOfStaleIntent`): `applied` at the live resourceVersion when the live object holds
 * the intended change, else `failed` with the reason.
 */
import "server-only";
import {
  listAuditEntries,
  resolveAuditIntent,
  type AuditEntriesDb,
  type AuditEntry,
} from "@/server/adapters/db/audit-entries";
import { findAuditedKind } from "./audited-kinds";
import { outcomeOfStaleIntent, type LiveVersion } from "./judge-change";

export const CONSOLE_STOPPED =
  "the console stopped before the write's outcome was known; the live object does not hold this change";

export function noOutcomeWithin(limitMs: number): string {
  return `no outcome of the write was recorded within ${Math.round(limitMs / 1000)} s; the live object does not hold this change`;
}

export interface StaleIntentDeps {
  db: AuditEntriesDb;
  readLive(ref: { kind: string; namespace: string; name: string }): Promise<LiveVersion | undefined>;
  /** The watched cluster; entries recorded on another one are left alone. */
  clusterId: string | null;
}

const ofThisCluster = (entry: AuditEntry, clusterId: string | null) =>
  entry.clusterId === null || clusterId === null || entry.clusterId === clusterId;

/** Resolves the given pending entries; returns those it resolved. */
export async function resolveStaleIntents(
  deps: StaleIntentDeps,
  entries: AuditEntry[],
  reason: string,
): Promise<AuditEntry[]> {
  const resolved: AuditEntry[] = [];
  for (const entry of entries) {
    const kind = findAuditedKind(entry.kind);
    if (entry.status !== "pending" || !kind || !ofThisCluster(entry, deps.clusterId)) continue;
    const live = await deps.readLive({ kind: entry.kind, namespace: entry.namespace, name: entry.name });
    resolved.push(await resolveAuditIntent(deps.db, entry.id, outcomeOfStaleIntent(entry, live, kind, reason)));
  }
  return resolved;
}

/**
 * Every entry of this cluster still pending that was recorded before `recordedBefore`.
 * At watcher start that is the start instant (so a write this process has just begun is
 * not mistaken for an orphan), with `CONSOLE_STOPPED`; later, `pendingLimitMs` ago.
 */
export async function resolvePendingRecordedBefore(
  deps: StaleIntentDeps,
  recordedBefore: Date,
  reason: string,
): Promise<AuditEntry[]> {
  const page = 1000;
  const resolved: AuditEntry[] = [];
  for (;;) {
    const pending = await listAuditEntries(deps.db, { status: "pending", until: recordedBefore, limit: page });
    const done = await resolveStaleIntents(deps, pending, reason);
    resolved.push(...done);
    // A full page may hide more; entries left alone (another cluster) would make it full forever.
    if (pending.length < page || done.length === 0) return resolved;
  }
}
