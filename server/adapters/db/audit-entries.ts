/**
 * Audit entries in the database, as Topsail types: the objects before and after a change are
 * stored as JSON text and come back parsed; action and source are checked against their
 * lists, so a row written by hand or by a newer version fails loudly instead of leaking an
 * unknown string into the UI.
 */
import "server-only";
import { DbError } from "@/server/errors";
import type { AuditEntry as AuditEntryRow, PrismaClient } from "./generated/client";

export const auditActions = ["create", "update", "delete", "rollback"] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditSources = ["editor", "wizard", "experiment", "rollback", "external"] as const;
export type AuditSource = (typeof auditSources)[number];

export type AuditObject = Record<string, unknown>;

export interface AuditEntry {
  id: string;
  createdAt: Date;
  actor: string;
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
}

export interface NewAuditEntry {
  actor: string;
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
}

export interface AuditEntryFilter {
  namespace?: string;
  kind?: string;
  name?: string;
  /** Entries created at or after this instant. */
  since?: Date;
  /** Entries created strictly before this instant (for paging backwards in time). */
  until?: Date;
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
        action: input.action,
        kind: input.kind,
        namespace: input.namespace,
        name: input.name,
        before: toJsonText(input.before),
        after: toJsonText(input.after),
        comment: input.comment ?? null,
        source: input.source,
        ...(input.createdAt ? { createdAt: input.createdAt } : {}),
      },
    });
    return toAuditEntry(row);
  } catch (error) {
    throw wrap(error, `could not record the audit entry for ${input.kind} ${input.namespace}/${input.name}`);
  }
}

export async function listAuditEntries(db: AuditEntriesDb, filter: AuditEntryFilter = {}): Promise<AuditEntry[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? defaultLimit), 1), maxLimit);
  try {
    const rows = await db.auditEntry.findMany({
      where: {
        namespace: filter.namespace,
        kind: filter.kind,
        name: filter.name,
        createdAt: { gte: filter.since, lt: filter.until },
      },
      // id breaks ties between entries written within the same millisecond.
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    });
    return rows.map(toAuditEntry);
  } catch (error) {
    throw wrap(error, "could not list audit entries");
  }
}

function toAuditEntry(row: AuditEntryRow): AuditEntry {
  return {
    id: row.id,
    createdAt: row.createdAt,
    actor: row.actor,
    action: oneOf(auditActions, row.action, "action", row.id),
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    before: fromJsonText(row.before, "before", row.id),
    after: fromJsonText(row.after, "after", row.id),
    comment: row.comment,
    source: oneOf(auditSources, row.source, "source", row.id),
  };
}

function toJsonText(value: object | null | undefined): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function fromJsonText(text: string | null, field: string, id: string): AuditObject | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DbError(`audit entry ${id}: "${field}" is not valid JSON`, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DbError(`audit entry ${id}: "${field}" is not a JSON object`);
  }
  return parsed as AuditObject;
}

function oneOf<T extends string>(allowed: readonly T[], value: string, field: string, id: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new DbError(`audit entry ${id}: unknown ${field} "${value}"`);
  return found;
}

function wrap(error: unknown, context: string): DbError {
  if (error instanceof DbError) return error;
  return new DbError(`${context}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
