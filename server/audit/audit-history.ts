/**
 * History queries over the audit log. Every filter (object, actor, source, status, time)
 * runs in the database through the adapter, so a page is the newest entries that match,
 * however many others there are. The list reads no objects (`listAuditEntrySummaries`); only
 * one entry's detail reads its objects, and diffs them within bounds (lib/bounded-line-diff.ts).
 */
import "server-only";
import {
  formatAuditCursor,
  type AuditEntryDetail,
  type AuditEntrySummary,
  type AuditList,
  type AuditListQuery,
} from "@/lib/contracts/audit";
import {
  getAuditEntry,
  listAuditEntrySummaryPage,
  type AuditEntriesDb,
  type AuditEntry,
  type AuditEntrySummaryRecord,
  type KindsInNamespaces,
} from "@/server/adapters/db/audit-entries";
import { TopsailError } from "@/server/errors";
import type { LiveVersion } from "./judge-change";
import { boundedLineDiff } from "@/lib/bounded-line-diff";
import { objectYaml } from "./object-yaml";

export function toSummary(entry: AuditEntrySummaryRecord): AuditEntrySummary {
  return {
    id: entry.id,
    createdAt: entry.createdAt.toISOString(),
    actor: entry.actor,
    actorGroups: entry.actorGroups,
    action: entry.action,
    source: entry.source,
    kind: entry.kind,
    namespace: entry.namespace,
    name: entry.name,
    comment: entry.comment,
    status: entry.status,
    error: entry.error,
    hasAfter: entry.hasAfter,
    hasBefore: entry.hasBefore,
  };
}

/**
 * A page of the list, newest first, and the cursor of the next one. `readable`: only entries one of these rows holds
 * (what a signed-in viewer may see); with the query's `namespaces` (the top bar's selection) only those of both. Both
 * filter in the database, so a page stays full.
 */
export async function listAuditHistory(
  db: AuditEntriesDb,
  query: AuditListQuery,
  readable?: readonly KindsInNamespaces[],
): Promise<AuditList> {
  const { entries, more } = await listAuditEntrySummaryPage(db, {
    namespaceIn: query.namespaces,
    kindsIn: readable,
    kind: query.kind,
    name: query.name,
    actor: query.actor,
    source: query.source,
    status: query.status,
    since: query.since,
    until: query.until,
    olderThan: query.cursor,
    limit: query.limit,
  });
  const last = entries.at(-1);
  return {
    entries: entries.map(toSummary),
    nextCursor: more && last ? formatAuditCursor({ at: last.createdAt, id: last.id }) : null,
  };
}

/**
 * Namespaces with the same kinds share a row: the database query has one condition per row, not per namespace (SQLite
 * refuses expressions over 1,000 deep).
 */
export function groupByKinds(pairs: readonly { namespace: string; kind: string }[]): KindsInNamespaces[] {
  const kindsOf = new Map<string, string[]>();
  for (const { namespace, kind } of pairs) kindsOf.set(namespace, [...(kindsOf.get(namespace) ?? []), kind]);
  const rows = new Map<string, { namespaces: string[]; kinds: string[] }>();
  for (const [namespace, kinds] of kindsOf) {
    const sorted = [...kinds].sort();
    const key = sorted.join(",");
    const row = rows.get(key) ?? { namespaces: [], kinds: sorted };
    row.namespaces.push(namespace);
    rows.set(key, row);
  }
  return [...rows.values()];
}

export async function findAuditEntry(db: AuditEntriesDb, id: string): Promise<AuditEntry> {
  const entry = await getAuditEntry(db, id);
  if (!entry) throw new TopsailError("not_found", `There is no audit entry ${id}.`);
  return entry;
}

export interface AuditDetailDeps {
  db: AuditEntriesDb;
  /**
   * The object now, as the audit log records its kind (audited-kinds.ts): a whole Istio
   * object, or a Namespace's or Deployment's injection settings; undefined when it is gone.
   */
  readLive(ref: { kind: string; namespace: string; name: string }): Promise<LiveVersion | undefined>;
}

export async function getAuditEntryDetail(deps: AuditDetailDeps, id: string): Promise<AuditEntryDetail> {
  const entry = await findAuditEntry(deps.db, id);
  const live = await deps.readLive({ kind: entry.kind, namespace: entry.namespace, name: entry.name });
  const beforeYaml = objectYaml(entry.before);
  const afterYaml = objectYaml(entry.after);
  return {
    entry: toSummary({ ...entry, hasBefore: entry.before !== null, hasAfter: entry.after !== null }),
    beforeYaml,
    afterYaml,
    ...boundedLineDiff(beforeYaml, afterYaml),
    live: { resourceVersion: live?.resourceVersion ?? null, yaml: objectYaml(live?.recorded ?? null) },
  };
}
