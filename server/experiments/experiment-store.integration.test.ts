import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { stopTestDatabases, testDatabases } from "@/server/adapters/db/test-support/test-databases";
import { TopsailError } from "@/server/errors";
import { insertExperiment, listExperimentRecords } from "./experiment-store";
import { canaryRecord } from "./test-support/records";

afterAll(stopTestDatabases);

/** A new pending canary, as createExperiment hands it to the store. */
function pendingCanary(service: string, actor: string) {
  const { id: _id, createdAt: _createdAt, ...record } = canaryRecord({ service });
  return { ...record, service, actor };
}

describe.each(testDatabases)("one active experiment per service on $provider", ({ create }) => {
  let url: string;

  beforeAll(async () => {
    url = await create();
    await applyPendingMigrations(url);
  });

  afterAll(disconnectDb);

  it("accepts exactly one of two experiments created for a service at the same instant; the other is a 409", async () => {
    const db = getDb(url);
    // Several services at once, each raced by two creators: a check-then-insert lets both through.
    const services = ["reviews", "ratings", "details", "productpage"];
    const outcomes = await Promise.all(
      services.map((service) =>
        Promise.allSettled([
          insertExperiment(db, pendingCanary(service, "alice"), []),
          insertExperiment(db, pendingCanary(service, "bob"), []),
        ]),
      ),
    );
    for (const [i, results] of outcomes.entries()) {
      const accepted = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
      expect(accepted).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(TopsailError);
      expect(refused[0]).toMatchObject({
        code: "conflict",
        message: `${services[i]}.bookinfo already has an active canary experiment (${accepted[0]?.id}); wait for it to end or abort it first.`,
      });
      const stored = await listExperimentRecords(db, { namespace: "bookinfo", service: services[i] });
      expect(stored.map((r) => r.id)).toEqual([accepted[0]?.id]);
    }
  });

  it("takes a new experiment for a service once its last one has ended", async () => {
    const db = getDb(url);
    const first = await insertExperiment(db, pendingCanary("mongodb", "alice"), []);
    await expect(insertExperiment(db, pendingCanary("mongodb", "bob"), [])).rejects.toMatchObject({ code: "conflict" });
    await db.experiment.update({ where: { id: first.id }, data: { status: "completed", phase: "done" } });
    const second = await insertExperiment(db, pendingCanary("mongodb", "bob"), []);
    expect(second).toMatchObject({ status: "pending", actor: "bob" });
  });
});
