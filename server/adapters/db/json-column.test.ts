import { describe, expect, it } from "vitest";
import { Prisma } from "./generated/client";
import { groupsOf, groupsToColumn, jsonObjectOf, toJsonColumn, toNullableJsonColumn } from "./json-column";

describe("a value stored in a JSON column", () => {
  it("is stored as JSON.stringify wrote it when the column held text: no undefined, dates as text", () => {
    const at = new Date("2026-12-05T10:00:00Z");
    expect(toJsonColumn({ weight: 10, owned: undefined, at, routes: [undefined, 1] })).toEqual({
      weight: 10,
      at: "2026-12-05T10:00:00.000Z",
      routes: [null, 1],
    });
  });

  it("is SQL NULL when there is none, never a JSON null", () => {
    expect(toNullableJsonColumn(null)).toBe(Prisma.DbNull);
    expect(toNullableJsonColumn(undefined)).toBe(Prisma.DbNull);
    expect(groupsToColumn([])).toBe(Prisma.DbNull);
    expect(groupsToColumn(["team-reviews"])).toEqual(["team-reviews"]);
  });
});

describe("a value read from a JSON column", () => {
  it("is an object only when it is a JSON object", () => {
    expect(jsonObjectOf({ kind: "VirtualService" })).toEqual({ kind: "VirtualService" });
    expect(jsonObjectOf([1])).toBeUndefined();
    expect(jsonObjectOf("{not json")).toBeUndefined();
  });

  it("gives an actor's groups, and none for anything but a list", () => {
    expect(groupsOf(["team-reviews", 3, "system:authenticated"])).toEqual(["team-reviews", "system:authenticated"]);
    expect(groupsOf(null)).toEqual([]);
    expect(groupsOf({ groups: ["x"] })).toEqual([]);
  });
});
