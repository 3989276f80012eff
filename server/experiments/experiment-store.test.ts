import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Experiment as ExperimentRow, Prisma } from "@/server/adapters/db/generated/client";
import { DbError } from "@/server/errors";
import { toRecord } from "./experiment-store";
import { canaryRecord, T0 } from "./test-support/records";

/** A value as a Json column gives it back: plain JSON. */
function asStored(value: object): Prisma.JsonValue {
  return z.json().parse(JSON.parse(JSON.stringify(value)));
}

/** A stored row of the canary fixture, as Prisma returns it: every closed set a plain string. */
function storedRow(overrides: Partial<ExperimentRow> = {}): ExperimentRow {
  const record = canaryRecord();
  return {
    id: record.id,
    createdAt: T0,
    updatedAt: T0,
    kind: record.kind,
    namespace: record.namespace,
    service: record.service,
    actor: record.actor,
    actorGroups: null,
    clusterId: record.clusterId,
    kubeContext: record.kubeContext,
    spec: asStored(record.spec),
    status: "running",
    phase: "step",
    state: asStored(record.memory),
    command: null,
    verdict: null,
    summary: null,
    startedAt: T0,
    finishedAt: null,
    leaseOwner: null,
    leaseUntil: null,
    ...overrides,
  };
}

describe("an experiment read from the database", () => {
  it("comes back with its status, phase and command as the machine knows them", () => {
    expect(toRecord(storedRow({ command: "pause" }))).toMatchObject({
      status: "running",
      phase: "step",
      command: "pause",
      verdict: null,
    });
  });

  it("fails loudly, naming the experiment and the value, on a phase no machine moves through", () => {
    expect(() => toRecord(storedRow({ phase: "warming-up" }))).toThrow(DbError);
    expect(() => toRecord(storedRow({ phase: "warming-up" }))).toThrow('experiment c1: unknown phase "warming-up"');
    expect(() => toRecord(storedRow({ verdict: "maybe" }))).toThrow('experiment c1: unknown verdict "maybe"');
  });
});
