/**
 * History queries over the audit log. The adapter filters by object and time in the
 * database; actor and source are filtered here over a wider page, which is plenty for a
 * console's history (the adapter caps a page at 1000 entries).
 */
import "server-only";
import type { AuditEntryDetail, AuditEntrySummary, AuditList, AuditListQuery } from "@/lib/contracts/audit";
import { listAuditEntries, type AuditEntriesDb, type AuditEntry } from "@/server/adapters/db/audit-entries";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { lineDiff } from "./line-diff";
import { objectYaml } from "./object-yaml";

export function toSummary(entry: AuditEntry): AuditEntrySummary {
  return {
    id: entry.id,
    createdAt: entry.createdAt.toISOString(),
    actor: entry.actor,
    action: entry.action,
    source: entry.source,
    kind: entry.kind,
    namespace: entry.namespace,
    name: entry.name,
    comment: entry.comment,
    hasAfter: entry.after !== null,
    hasBefore: entry.before !== null,
  };
}

export async function listAuditHistory(db: AuditEntriesDb, query: AuditListQuery): Promise<AuditList> {
  const limit = query.limit ?? 100;
  const filtersHere = query.actor !== undefined || query.source !== undefined;
  const entries = await listAuditEntries(db, { namespace: query.namespace, kind: query.kind, name: query.name, since: query.since, until: query.until, limit: filtersHere ? 1000 : limit });
  const actor = query.actor?.toLowerCase();
  const kept = entries.filter((e) => (!actor || e.actor.toLowerCase().includes(actor)) && (!query.source || e.source === query.source));
  return { entries: kept.slice(0, limit).map(toSummary) };
}

/**
 * One entry by id. The adapter lists by object and time, so the id's row is read for its
 * object and instant and then listed through the adapter, which owns the parsing.
 */
export async function findAuditEntry(db: AuditEntriesDb, id: string): Promise<AuditEntry> {
  const row = await db.auditEntry.findUnique({ where: { id }, select: { namespace: true, kind: true, name: true, createdAt: true } });
  if (!row) throw new TopsailError("not_found", `There is no audit entry ${id}.`);
  const around = await listAuditEntries(db, { ...row, since: row.createdAt, until: new Date(row.createdAt.getTime() + 1), limit: 1000 });
  const entry = around.find((e) => e.id === id);
  if (!entry) throw new TopsailError("not_found", `There is no audit entry ${id}.`);
  return entry;
}

export async function getAuditEntryDetail(
  deps: { db: AuditEntriesDb; getLive(ref: IstioObjectRef): Promise<StoredIstioObject | undefined> },
  id: string,
): Promise<AuditEntryDetail> {
  const entry = await findAuditEntry(deps.db, id);
  const live = await deps.getLive({ kind: entry.kind, namespace: entry.namespace, name: entry.name });
  const beforeYaml = objectYaml(entry.before);
  const afterYaml = objectYaml(entry.after);
  return {
    entry: toSummary(entry),
    beforeYaml,
    afterYaml,
    diff: lineDiff(beforeYaml, afterYaml),
    live: { resourceVersion: live?.metadata.resourceVersion ?? null, yaml: objectYaml(live ?? null) },
  };
}
