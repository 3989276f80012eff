import { describe, expect, it } from "vitest";
import { violatesUniqueIndex } from "./unique-violation";

const index = { name: "Experiment_one_active_per_service", fields: ["namespace", "service"] };

/** A P2002 as Prisma 7's driver adapters report it (seen with better-sqlite3 and pg). */
const p2002 = (constraint: object) =>
  Object.assign(new Error("Unique constraint failed"), {
    code: "P2002",
    meta: { modelName: "Experiment", driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint } } },
  });

describe("a refused duplicate", () => {
  it("is recognised by the index name PostgreSQL reports and by the columns SQLite reports", () => {
    expect(violatesUniqueIndex(p2002({ index: "Experiment_one_active_per_service" }), index)).toBe(true);
    expect(violatesUniqueIndex(p2002({ fields: ["namespace", "service"] }), index)).toBe(true);
  });

  it("is not confused with another index, another error or a non-error", () => {
    expect(violatesUniqueIndex(p2002({ index: "Experiment_pkey" }), index)).toBe(false);
    expect(violatesUniqueIndex(p2002({ fields: ["id"] }), index)).toBe(false);
    expect(violatesUniqueIndex(Object.assign(new Error("timeout"), { code: "P1008" }), index)).toBe(false);
    expect(violatesUniqueIndex("boom", index)).toBe(false);
  });
});
