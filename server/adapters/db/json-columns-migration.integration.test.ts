import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findExperiment } from "@/server/experiments/experiment-store";
import { canaryRecord } from "@/server/experiments/test-support/records";
import { DbError } from "@/server/errors";
import { getAuditEntry, listAuditEntrySummaries } from "./audit-entries";
import { disconnectDb, getDb } from "./client";
import { applyPendingMigrations } from "./migrate";
import { prismaPaths } from "./migrations-folder";
import { stopTestDatabases, testDatabases } from "./test-support/test-databases";

/**
 * A database of a console that stored JSON as text (every migration before `json_columns`),
 * upgraded: the rows it holds must read back the same through the adapters.
 */
const migrationSuffix = "_json_columns";
const roots: string[] = [];

afterAll(async () => {
  await stopTestDatabases();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A copy of prisma/ without the json_columns migration (of both providers): the previous release. */
function previousRelease(): string {
  const root = mkdtempSync(path.join(tmpdir(), "topsail-before-json-"));
  roots.push(root);
  cpSync("prisma", path.join(root, "prisma"), { recursive: true });
  for (const provider of ["sqlite", "postgresql"] as const) {
    const dir = prismaPaths(root, provider).migrationsDir;
    for (const name of readdirSync(dir).filter((n) => n.endsWith(migrationSuffix)))
      rmSync(path.join(dir, name), { recursive: true });
  }
  return root;
}

const before = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", spec: { hosts: ["reviews"] } };
const after = { ...before, spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }] }] } };
const record = canaryRecord();

describe.each(testDatabases)("a $provider database whose JSON was text, migrated", ({ provider, create }) => {
  let url: string;
  let applied: string[];

  beforeAll(async () => {
    url = await create();
    await applyPendingMigrations(url, { rootDir: previousRelease() });
    const db = getDb(url);
    // As the previous release wrote them: JSON.stringify's text, SQL NULL for no value.
    const text = JSON.stringify;
    await db.$executeRaw`INSERT INTO "AuditEntry" ("id", "actor", "actorGroups", "action", "kind", "namespace", "name", "before", "after", "source")
      VALUES ('update', 'alice', ${text(["team-reviews", "system:authenticated"])}, 'update', 'VirtualService', 'bookinfo', 'reviews', ${text(before)}, ${text(after)}, 'editor'),
             ('delete', 'bob', NULL, 'delete', 'VirtualService', 'bookinfo', 'reviews', ${text(after)}, NULL, 'external'),
             ('by-hand', 'carol', NULL, 'update', 'VirtualService', 'bookinfo', 'ratings', '{not json', NULL, 'editor')`;
    await db.$executeRaw`INSERT INTO "Experiment" ("id", "updatedAt", "kind", "namespace", "service", "actor", "actorGroups", "clusterId", "kubeContext", "spec", "status", "phase", "state")
      VALUES ('c1', CURRENT_TIMESTAMP, 'canary', 'bookinfo', 'reviews', 'alice', ${text(["team-reviews"])}, 'uid-test', 'test', ${text(record.spec)}, 'pending', 'pending', ${text(record.memory)})`;
    await db.$executeRaw`INSERT INTO "ExperimentEvent" ("id", "experimentId", "at", "type", "phase", "message", "data")
      VALUES ('e1', 'c1', CURRENT_TIMESTAMP, 'config', 'step', 'weight 10', ${text({ weight: 10, auditId: "update" })}),
             ('e2', 'c1', CURRENT_TIMESTAMP, 'note', 'step', 'no data', NULL)`;
    ({ applied } = await applyPendingMigrations(url));
  });

  afterAll(disconnectDb);

  it("applies the json_columns migration alone", () => {
    expect(applied).toHaveLength(1);
    expect(applied[0]).toMatch(new RegExp(`${migrationSuffix}$`));
  });

  it("reads every audit entry back with the same objects and groups, and no object where there was none", async () => {
    const db = getDb(url);
    expect(await getAuditEntry(db, "update")).toMatchObject({
      actor: "alice",
      actorGroups: ["team-reviews", "system:authenticated"],
      before,
      after,
    });
    expect(await getAuditEntry(db, "delete")).toMatchObject({ actorGroups: [], before: after, after: null });
    const summaries = await listAuditEntrySummaries(db);
    expect(summaries.map((s) => [s.id, s.hasBefore, s.hasAfter]).sort()).toEqual([
      ["by-hand", true, false],
      ["delete", true, false],
      ["update", true, true],
    ]);
  });

  it("keeps text that was not JSON, which the entry's detail reports as before", async () => {
    const detail = await getAuditEntry(getDb(url), "by-hand").catch((error: unknown) => error);
    expect(detail).toBeInstanceOf(DbError);
    expect((detail as DbError).message).toContain('"before" is not a JSON object');
    const [row] = await getDb(url).auditEntry.findMany({ where: { id: "by-hand" }, select: { before: true } });
    expect(row?.before).toBe("{not json");
  });

  it("reads the experiment back with the same spec, memory, groups and event data", async () => {
    const found = await findExperiment(getDb(url), "c1");
    expect(found?.record).toMatchObject({ actorGroups: ["team-reviews"], spec: record.spec, memory: record.memory });
    expect(found?.events.map((e) => [e.message, e.data])).toEqual([
      ["weight 10", { weight: 10, auditId: "update" }],
      ["no data", undefined],
    ]);
  });

  it.runIf(provider === "postgresql")("stores them as jsonb on PostgreSQL", async () => {
    const columns = await getDb(url).$queryRaw<{ table_name: string; column_name: string; data_type: string }[]>`
      SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('jsonb', 'json', 'text')
        AND column_name IN ('actorGroups', 'before', 'after', 'spec', 'state', 'data')
      ORDER BY table_name, column_name`;
    expect(columns.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`)).toEqual([
      "AuditEntry.actorGroups jsonb",
      "AuditEntry.after jsonb",
      "AuditEntry.before jsonb",
      "Experiment.actorGroups jsonb",
      "Experiment.spec jsonb",
      "Experiment.state jsonb",
      "ExperimentEvent.data jsonb",
    ]);
  });
});
