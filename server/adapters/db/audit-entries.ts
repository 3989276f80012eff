/**
 * Audit entries in the database, as Topsail types: the objects before and after a change are
 * stored in JSON columns (json-column.ts) and checked to be objects on the way out; action,
 * source and status are checked against their contract's enums (stored-enum.ts).
 *
 * Topsail's own writes are recorded in two steps (docs/ARCHITECTURE.md "Writes"): an intent
 * (`recordAuditIntent`, status `pending`, before any cluster write — if the database cannot
 * take it, nothing is written) and its outcome (`resolveAuditIntent`: `applied` with the
 * object and resourceVersion the API server answered, or `failed` with the reason). Changes
 * seen from outside are recorded in one step as `applied`.
 */
import "server-only";
import {
  auditActionSchema,
  auditSourceSchema,
  auditStatusSchema,
  type AuditAction,
  type AuditSource,
  type AuditStatus,
} from "@/lib/contracts/audit";
import { DbError } from "@/server/errors";
import type { AuditEntry as AuditEntryRow, Prisma, PrismaClient } from "./generated/client";
import {
  groupsOf,
  groupsToColumn,
  isSqlNull,
  jsonObjectOf,
  toNullableJsonColumn,
  type JsonColumnValue,
} from "./json-column";
import { fromStoredEnum } from "./stored-enum";
import { violatesUniqueIndex, type UniqueIndex } from "./unique-violation";

export type AuditObject = Record<string, unknown>;

export interface AuditEntry {
  id: string;
  createdAt: Date;
  actor: string;
  /** The actor's groups as the API server saw them; empty for the console's own identity and older entries. */
  actorGroups: string[];
  action: AuditAction;
  kind: string;
  namespace: string;
  name: string;
  /** The object before the change; null for a create. */
  before: AuditObject | null;
  /** The object after the change; null for a delete. */
  after: AuditObject | null;
  comment: string | null;
  source: AuditSource;
  status: AuditStatus;
  /** Why a write failed (or how a stale pending entry was resolved). */
  error: string | null;
  /** The resourceVersion the API server answered for this write; null for a delete or a failure. */
  resourceVersion: string | null;
  /** The cluster (UID of its kube-system namespace) and kubeconfig context of the change. */
  clusterId: string | null;
  kubeContext: string | null;
}

/** An entry as the audit list shows it: everything but the objects, and whether each exists. */
export interface AuditEntrySummaryRecord extends Omit<AuditEntry, "before" | "after"> {
  hasBefore: boolean;
  hasAfter: boolean;
}

export interface NewAuditEntry {
  actor: string;
  actorGroups?: readonly string[];
  action: AuditAction;
  kind: string;
  namespace: string;
  name: string;
  before?: object | null;
  after?: object | null;
  comment?: string | null;
  source: AuditSource;
  /** Defaults to the database's now. */
  createdAt?: Date;
  /** Default `applied` (a change already made, e.g. one seen from outside). */
  status?: AuditStatus;
  error?: string | null;
  resourceVersion?: string | null;
  clusterId?: string | null;
  kubeContext?: string | null;
}

/** The outcome of a recorded intent. */
export type AuditOutcome =
  { status: "applied"; after: object | null; resourceVersion: string | null } | { status: "failed"; error: string };

/** Entries of any of these kinds in any of these namespaces. */
export interface KindsInNamespaces {
  namespaces: readonly string[];
  kinds: readonly string[];
}

export interface AuditEntryFilter {
  namespace?: string;
  kind?: string;
  name?: string;
  /** Case-insensitive substring of the actor. */
  actor?: string;
  /** Only entries of these namespaces (the top bar's selection, a window's namespaces); undefined: any. */
  namespaceIn?: readonly string[];
  /** Only entries one of these rows holds (what a signed-in viewer may see); undefined: any. */
  kindsIn?: readonly KindsInNamespaces[];
  source?: AuditSource;
  status?: AuditStatus;
  /** Entries whose write answered this resourceVersion. */
  resourceVersion?: string;
  /** Entries created at or after this instant. */
  since?: Date;
  /** Entries created strictly before this instant. */
  until?: Date;
  /**
   * Entries after this one in the list's order (newest first by createdAt, then id): the next page of a list
   * whose last entry this was. Keyset paging, so entries recorded meanwhile do not shift the pages.
   */
  olderThan?: { at: Date; id: string };
  /** Newest first; default 100, at most 1000. */
  limit?: number;
}

/** The only part of the client these functions use, so tests can pass a fake. */
export type AuditEntriesDb = Pick<PrismaClient, "auditEntry">;

const defaultLimit = 100;
const maxLimit = 1000;

export async function recordAuditEntry(db: AuditEntriesDb, input: NewAuditEntry): Promise<AuditEntry> {
  try {
    const row = await db.auditEntry.create({
      data: {
        actor: input.actor,
        actorGroups: groupsToColumn(input.actorGroups),
        action: input.action,
        kind: input.kind,
        namespace: input.namespace,
        name: input.name,
        before: toNullableJsonColumn(input.before),
        after: toNullableJsonColumn(input.after),
        comment: input.comment ?? null,
        source: input.source,
        status: input.status ?? "applied",
        error: input.error ?? null,
        resourceVersion: input.resourceVersion ?? null,
        clusterId: input.clusterId ?? null,
        kubeContext: input.kubeContext ?? null,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      },
    });
    return toAuditEntry(row);
  } catch (error) {
    throw wrap(error, `could not record the audit entry for ${input.kind} ${input.namespace}/${input.name}`);
  }
}

/** prisma/schema.prisma, model AuditEntry: one external entry per cluster, object and resourceVersion. */
const externalChangeOnce: UniqueIndex = {
  name: "AuditEntry_external_change_once",
  fields: ["clusterId", "kind", "namespace", "name", "resourceVersion"],
};

/**
 * Records a change seen from outside Topsail (`source: "external"`, `applied`), once: when an
 * entry for the same cluster, object and resourceVersion exists — another console watching the
 * same cluster, or a relist, recorded it first — the database refuses the copy and this returns
 * null. Deletions (no resourceVersion) are not deduplicated.
 */
export async function recordExternalChange(
  db: AuditEntriesDb,
  input: Omit<NewAuditEntry, "source" | "status" | "error">,
): Promise<AuditEntry | null> {
  try {
    return await recordAuditEntry(db, { ...input, source: "external", status: "applied" });
  } catch (error) {
    if (violatesUniqueIndex(error instanceof DbError ? error.cause : error, externalChangeOnce)) return null;
    throw error;
  }
}

/**
 * Records a change Topsail is about to make (status `pending`), before it reaches the
 * cluster. `after` is the object it intends to write. Throws DbError when the database
 * cannot take it: the caller must then not write.
 */
export function recordAuditIntent(
  db: AuditEntriesDb,
  input: Omit<NewAuditEntry, "status" | "resourceVersion" | "error">,
): Promise<AuditEntry> {
  return recordAuditEntry(db, { ...input, status: "pending" });
}

/** Records what became of a pending intent: applied (with the API server's answer) or failed. */
export async function resolveAuditIntent(db: AuditEntriesDb, id: string, outcome: AuditOutcome): Promise<AuditEntry> {
  try {
    const row = await db.auditEntry.update({
      where: { id },
      data:
        outcome.status === "applied"
          ? {
              status: "applied",
              after: toNullableJsonColumn(outcome.after),
              resourceVersion: outcome.resourceVersion,
              error: null,
            }
          : { status: "failed", error: outcome.error },
    });
    return toAuditEntry(row);
  } catch (error) {
    throw wrap(error, `could not record the outcome of audit entry ${id}`);
  }
}

export async function getAuditEntry(db: AuditEntriesDb, id: string): Promise<AuditEntry | undefined> {
  try {
    const row = await db.auditEntry.findUnique({ where: { id } });
    return row ? toAuditEntry(row) : undefined;
  } catch (error) {
    throw wrap(error, `could not read audit entry ${id}`);
  }
}

export async function listAuditEntries(db: AuditEntriesDb, filter: AuditEntryFilter = {}): Promise<AuditEntry[]> {
  try {
    const rows = await db.auditEntry.findMany({ where: whereOf(filter), orderBy: newestFirst, take: limitOf(filter) });
    return rows.map(toAuditEntry);
  } catch (error) {
    throw wrap(error, "could not list audit entries");
  }
}

/**
 * The entries `listAuditEntries` would list, without their objects: only the summary columns
 * are read, so what the console spends on a page does not grow with the objects' size (a
 * 20,000-line object is never parsed to show one line), and an object that is not a JSON
 * object is reported by its entry's detail, not by the list.
 *
 * Whether an entry has an object before and after is asked of the database for the listed
 * ids (`before IS NULL`), so neither text reaches the console. Two more reads, outside a
 * transaction, cannot disagree with the first: an entry's objects are null or not from the
 * moment it is recorded (an intent's outcome keeps the `after` of its action: null for a
 * delete, the server's object otherwise — server/istio-config/apply-istio-changes.ts,
 * server/audit/judge-change.ts `outcomeOfStaleIntent`) and entries are never deleted.
 */
export async function listAuditEntrySummaries(
  db: AuditEntriesDb,
  filter: AuditEntryFilter = {},
): Promise<AuditEntrySummaryRecord[]> {
  return readSummaries(db, filter, limitOf(filter));
}

/** Each kind of object the log holds entries of, with its namespace (of `namespaceIn` only, when given): a GROUP BY. */
export async function listRecordedKinds(
  db: AuditEntriesDb,
  namespaceIn?: readonly string[],
): Promise<{ namespace: string; kind: string }[]> {
  try {
    const rows = await db.auditEntry.groupBy({
      by: ["namespace", "kind"],
      where: namespaceIn ? { namespace: { in: [...namespaceIn] } } : undefined,
      orderBy: [{ namespace: "asc" }, { kind: "asc" }],
    });
    return rows.map(({ namespace, kind }) => ({ namespace, kind }));
  } catch (error) {
    throw wrap(error, "could not list the kinds in the audit log");
  }
}

/**
 * A page of `listAuditEntrySummaries` and whether older entries match too: one more row than the page is read to
 * know, so the answer costs no count of the whole log.
 */
export async function listAuditEntrySummaryPage(
  db: AuditEntriesDb,
  filter: AuditEntryFilter = {},
): Promise<{ entries: AuditEntrySummaryRecord[]; more: boolean }> {
  const limit = limitOf(filter);
  const rows = await readSummaries(db, filter, limit + 1);
  return { entries: rows.slice(0, limit), more: rows.length > limit };
}

async function readSummaries(
  db: AuditEntriesDb,
  filter: AuditEntryFilter,
  take: number,
): Promise<AuditEntrySummaryRecord[]> {
  try {
    const rows = await db.auditEntry.findMany({
      where: whereOf(filter),
      orderBy: newestFirst,
      take,
      select: summaryColumns,
    });
    const ids = rows.map((row) => row.id);
    const [withoutBefore, withoutAfter] = await Promise.all([
      db.auditEntry.findMany({ where: { id: { in: ids }, before: isSqlNull }, select: { id: true } }),
      db.auditEntry.findMany({ where: { id: { in: ids }, after: isSqlNull }, select: { id: true } }),
    ]);
    const noBefore = new Set(withoutBefore.map((row) => row.id));
    const noAfter = new Set(withoutAfter.map((row) => row.id));
    return rows.map((row) => ({
      ...toAuditEntryFields(row),
      hasBefore: !noBefore.has(row.id),
      hasAfter: !noAfter.has(row.id),
    }));
  } catch (error) {
    throw wrap(error, "could not list audit entries");
  }
}

const summaryColumns = {
  id: true,
  createdAt: true,
  actor: true,
  actorGroups: true,
  action: true,
  kind: true,
  namespace: true,
  name: true,
  comment: true,
  source: true,
  status: true,
  error: true,
  resourceVersion: true,
  clusterId: true,
  kubeContext: true,
} as const satisfies Record<keyof Omit<AuditEntryRow, "before" | "after">, true>;

// id breaks ties between entries written within the same millisecond.
const newestFirst = [
  { createdAt: "desc" },
  { id: "desc" },
] as const satisfies Prisma.AuditEntryOrderByWithRelationInput[];

function limitOf(filter: AuditEntryFilter): number {
  return Math.min(Math.max(Math.trunc(filter.limit ?? defaultLimit), 1), maxLimit);
}

function whereOf(filter: AuditEntryFilter): Prisma.AuditEntryWhereInput {
  const and = [
    ...(filter.namespaceIn ? [{ namespace: { in: [...filter.namespaceIn] } }] : []),
    ...(filter.kindsIn ? [kindsInNamespaces(filter.kindsIn)] : []),
    ...(filter.olderThan ? [olderThan(filter.olderThan)] : []),
  ];
  return {
    namespace: filter.namespace,
    kind: filter.kind,
    name: filter.name,
    // SQLite's LIKE (what Prisma's `contains` becomes there) is case-insensitive for ASCII.
    actor: filter.actor ? { contains: filter.actor } : undefined,
    source: filter.source,
    status: filter.status,
    resourceVersion: filter.resourceVersion,
    createdAt: { gte: filter.since, lt: filter.until },
    AND: and.length > 0 ? and : undefined,
  };
}

function kindsInNamespaces(rows: readonly KindsInNamespaces[]): Prisma.AuditEntryWhereInput {
  // Prisma reads an empty OR as no condition: a viewer who may see nothing must get nothing.
  if (rows.length === 0) return { id: { in: [] } };
  return {
    OR: rows.map(({ namespaces, kinds }) => ({ namespace: { in: [...namespaces] }, kind: { in: [...kinds] } })),
  };
}

/** After `entry` in the order of `newestFirst`. */
function olderThan(entry: { at: Date; id: string }): Prisma.AuditEntryWhereInput {
  return { OR: [{ createdAt: { lt: entry.at } }, { createdAt: entry.at, id: { lt: entry.id } }] };
}

function toAuditEntry(row: AuditEntryRow): AuditEntry {
  return {
    ...toAuditEntryFields(row),
    before: auditObjectOf(row.before, "before", row.id),
    after: auditObjectOf(row.after, "after", row.id),
  };
}

function toAuditEntryFields(row: Omit<AuditEntryRow, "before" | "after">): Omit<AuditEntry, "before" | "after"> {
  return {
    id: row.id,
    createdAt: row.createdAt,
    actor: row.actor,
    actorGroups: groupsOf(row.actorGroups),
    action: fromStoredEnum(auditActionSchema, row.action, `audit entry ${row.id}`, "action"),
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    comment: row.comment,
    source: fromStoredEnum(auditSourceSchema, row.source, `audit entry ${row.id}`, "source"),
    status: fromStoredEnum(auditStatusSchema, row.status, `audit entry ${row.id}`, "status"),
    error: row.error,
    resourceVersion: row.resourceVersion,
    clusterId: row.clusterId,
    kubeContext: row.kubeContext,
  };
}

function auditObjectOf(value: JsonColumnValue, field: string, id: string): AuditObject | null {
  if (value === null) return null;
  const object = jsonObjectOf(value);
  if (!object) throw new DbError(`audit entry ${id}: "${field}" is not a JSON object`);
  return object;
}

function wrap(error: unknown, context: string): DbError {
  if (error instanceof DbError) return error;
  return new DbError(`${context}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
