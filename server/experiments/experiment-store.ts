/**
 * Experiments in the database, as Topsail types. Spec and memory are stored in JSON columns
 * (server/adapters/db/json-column.ts) and zod-checked on the way out. Two rules live here
 * because only the database can enforce them across requests and runners:
 * - one active experiment per service: a partial unique index (prisma/schema.prisma), so two
 *   creations at the same instant, from two requests or two consoles, cannot both succeed;
 * - a runner works on an experiment only while it holds its lease (`claimExperiment`), so
 *   when several consoles share a database later, one of them advances each experiment.
 */
import "server-only";
import { z } from "zod";
import {
  activeStatuses,
  eventPhases,
  eventTypes,
  experimentCommands,
  experimentPhases,
  experimentSpecSchema,
  experimentStatuses,
  experimentVerdicts,
  type ExperimentCommand,
} from "@/lib/contracts/experiments";
import {
  groupsOf,
  groupsToColumn,
  jsonObjectOf,
  toJsonColumn,
  toNullableJsonColumn,
} from "@/server/adapters/db/json-column";
import { fromStoredEnum } from "@/server/adapters/db/stored-enum";
import { violatesUniqueIndex, type UniqueIndex } from "@/server/adapters/db/unique-violation";
import type {
  Experiment as ExperimentRow,
  ExperimentEvent as EventRow,
  PrismaClient,
} from "@/server/adapters/db/generated/client";
import { DbError, TopsailError } from "@/server/errors";
import { machineMemorySchema, type ExperimentRecord, type MachineEvent } from "./machine-types";

export type ExperimentsDb = Pick<PrismaClient, "experiment" | "experimentEvent" | "$transaction">;

export interface StoredEvent extends MachineEvent {
  id: string;
  at: Date;
  auditId: string | null;
}

export interface NewEvent extends MachineEvent {
  at: Date;
  auditId?: string;
}

const stored = {
  status: z.enum(experimentStatuses),
  phase: z.enum(experimentPhases),
  command: z.enum(experimentCommands),
  verdict: z.enum(experimentVerdicts),
  eventType: z.enum(eventTypes),
  eventPhase: z.enum(eventPhases),
};

export function toRecord(row: ExperimentRow): ExperimentRecord {
  const spec = experimentSpecSchema.safeParse(row.spec);
  const memory = machineMemorySchema.safeParse(row.state);
  if (!spec.success)
    throw new DbError(
      `experiment ${row.id}: stored spec does not match the contract (${spec.error.issues[0]?.message})`,
    );
  if (!memory.success)
    throw new DbError(
      `experiment ${row.id}: stored state does not match the machine (${memory.error.issues[0]?.message})`,
    );
  return {
    id: row.id,
    kind: spec.data.kind,
    namespace: row.namespace,
    service: row.service,
    actor: row.actor,
    actorGroups: groupsOf(row.actorGroups),
    clusterId: row.clusterId,
    kubeContext: row.kubeContext,
    spec: spec.data,
    status: fromStoredEnum(stored.status, row.status, `experiment ${row.id}`, "status"),
    phase: fromStoredEnum(stored.phase, row.phase, `experiment ${row.id}`, "phase"),
    memory: memory.data,
    command:
      row.command === null ? null : fromStoredEnum(stored.command, row.command, `experiment ${row.id}`, "command"),
    verdict:
      row.verdict === null ? null : fromStoredEnum(stored.verdict, row.verdict, `experiment ${row.id}`, "verdict"),
    summary: row.summary,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

function toStoredEvent(row: EventRow): StoredEvent {
  // Data that is not an object (never written by Topsail) is left out, as it always was.
  const data = row.data === null ? undefined : jsonObjectOf(row.data);
  return {
    id: row.id,
    at: row.at,
    type: fromStoredEnum(stored.eventType, row.type, `experiment ${row.experimentId}`, "event type"),
    phase: fromStoredEnum(stored.eventPhase, row.phase, `experiment ${row.experimentId}`, "event phase"),
    message: row.message,
    ...(data ? { data } : {}),
    auditId: row.auditId,
  };
}

function wrap(error: unknown, context: string): TopsailError {
  if (error instanceof TopsailError) return error;
  return new DbError(`${context}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function rowData(record: Omit<ExperimentRecord, "id" | "createdAt">) {
  return {
    status: record.status,
    phase: record.phase,
    state: toJsonColumn(record.memory),
    verdict: record.verdict,
    summary: record.summary,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}

function eventData(experimentId: string, e: NewEvent) {
  return {
    experimentId,
    at: e.at,
    type: e.type,
    phase: e.phase,
    message: e.message,
    data: toNullableJsonColumn(e.data),
    auditId: e.auditId ?? null,
  };
}

/** prisma/schema.prisma, model Experiment. */
const oneActivePerService: UniqueIndex = {
  name: "Experiment_one_active_per_service",
  fields: ["namespace", "service"],
};

/**
 * Inserts a new experiment unless its service already has an active one (409 conflict). The
 * database decides, by its unique index: no read first, which another console could race.
 */
export async function insertExperiment(
  db: ExperimentsDb,
  record: Omit<ExperimentRecord, "id" | "createdAt">,
  events: NewEvent[],
): Promise<ExperimentRecord> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.experiment.create({
        data: {
          kind: record.kind,
          namespace: record.namespace,
          service: record.service,
          actor: record.actor,
          actorGroups: groupsToColumn(record.actorGroups),
          clusterId: record.clusterId,
          kubeContext: record.kubeContext,
          spec: toJsonColumn(record.spec),
          ...rowData(record),
          command: null,
        },
      });
      if (events.length > 0) await tx.experimentEvent.createMany({ data: events.map((e) => eventData(row.id, e)) });
      return toRecord(row);
    });
  } catch (error) {
    if (violatesUniqueIndex(error, oneActivePerService)) throw await busyService(db, record);
    throw wrap(error, "could not create the experiment");
  }
}

/** The conflict to answer, naming the active experiment when it can still be read. */
async function busyService(db: ExperimentsDb, record: { namespace: string; service: string }): Promise<TopsailError> {
  const service = `${record.service}.${record.namespace}`;
  const busy = await db.experiment
    .findFirst({
      where: { namespace: record.namespace, service: record.service, status: { in: [...activeStatuses] } },
      select: { id: true, kind: true },
    })
    .catch(() => null);
  const wait = "wait for it to end or abort it first.";
  return busy
    ? new TopsailError("conflict", `${service} already has an active ${busy.kind} experiment (${busy.id}); ${wait}`, {
        details: { experimentId: busy.id },
      })
    : new TopsailError("conflict", `${service} already has an active experiment; ${wait}`);
}

export async function findExperiment(
  db: ExperimentsDb,
  id: string,
): Promise<{ record: ExperimentRecord; events: StoredEvent[] } | undefined> {
  try {
    const row = await db.experiment.findUnique({ where: { id } });
    if (!row) return undefined;
    const events = await db.experimentEvent.findMany({
      where: { experimentId: id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    return { record: toRecord(row), events: events.map(toStoredEvent) };
  } catch (error) {
    throw wrap(error, `could not read experiment ${id}`);
  }
}

export async function loadExperimentRecord(db: ExperimentsDb, id: string): Promise<ExperimentRecord | undefined> {
  const row = await db.experiment.findUnique({ where: { id } });
  return row ? toRecord(row) : undefined;
}

export async function listExperimentRecords(
  db: ExperimentsDb,
  filter: { namespace?: string; service?: string; limit?: number } = {},
): Promise<ExperimentRecord[]> {
  try {
    const rows = await db.experiment.findMany({
      where: { namespace: filter.namespace, service: filter.service },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(filter.limit ?? 100, 500),
    });
    return rows.map(toRecord);
  } catch (error) {
    throw wrap(error, "could not list experiments");
  }
}

/** Ids of experiments a runner should look at: active ones. */
export async function listActiveExperimentIds(db: ExperimentsDb): Promise<string[]> {
  try {
    const rows = await db.experiment.findMany({
      where: { status: { in: [...activeStatuses] } },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((r) => r.id);
  } catch (error) {
    throw wrap(error, "could not list active experiments");
  }
}

/** Takes (or renews) the lease on an experiment; false when another runner holds it. */
export async function claimExperiment(
  db: ExperimentsDb,
  id: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const { count } = await db.experiment.updateMany({
    where: { id, OR: [{ leaseOwner: null }, { leaseOwner: owner }, { leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return count === 1;
}

/**
 * Persists a machine step and its events together, but only while `owner` holds the lease.
 * The command column is cleared only if it still holds the command the machine consumed,
 * so a command the API stored during the tick is not lost — or when the experiment ends:
 * no command applies to it any more.
 */
export async function saveStep(
  db: ExperimentsDb,
  record: ExperimentRecord,
  events: NewEvent[],
  owner: string,
  consumed?: ExperimentCommand,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = !activeStatuses.includes(record.status);
    const { count } = await tx.experiment.updateMany({
      where: { id: record.id, leaseOwner: owner },
      data: { ...rowData(record), ...(ended ? { command: null } : {}) },
    });
    if (count !== 1) return false;
    if (consumed)
      await tx.experiment.updateMany({ where: { id: record.id, command: consumed }, data: { command: null } });
    if (events.length > 0) await tx.experimentEvent.createMany({ data: events.map((e) => eventData(record.id, e)) });
    return true;
  });
}

export async function appendEvents(db: ExperimentsDb, experimentId: string, events: NewEvent[]): Promise<void> {
  if (events.length > 0) await db.experimentEvent.createMany({ data: events.map((e) => eventData(experimentId, e)) });
}

/** Leaves a command for the runner; refused for a finished experiment. */
export async function storeCommand(db: ExperimentsDb, id: string, command: ExperimentCommand): Promise<void> {
  try {
    const { count } = await db.experiment.updateMany({
      where: { id, status: { in: [...activeStatuses] } },
      data: { command },
    });
    if (count === 1) return;
    const exists = await db.experiment.findUnique({ where: { id }, select: { status: true } });
    if (!exists) throw new TopsailError("not_found", `No experiment ${id}.`);
    throw new TopsailError("conflict", `Experiment ${id} has ended (${exists.status}); ${command} no longer applies.`);
  } catch (error) {
    throw wrap(error, `could not send ${command} to experiment ${id}`);
  }
}

/** How many experiments the database holds in each phase (the console's `topsail_experiments` gauge). */
export async function countExperimentsByPhase(db: ExperimentsDb): Promise<Record<string, number>> {
  const groups = await db.experiment.groupBy({ by: ["phase"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.phase, g._count._all]));
}
