import { describe, expect, it } from "vitest";
import { caseInsensitiveLike } from "./case-insensitive-like";
import { Prisma } from "./generated/client";

describe("a PostgreSQL query's text filters", () => {
  it("ignore case, as SQLite's do, wherever they sit in the where clause", () => {
    const since = new Date("2026-12-05T00:00:00Z");
    expect(
      caseInsensitiveLike({
        where: { actor: { contains: "ali" }, OR: [{ name: { startsWith: "rev" } }], createdAt: { gte: since } },
        take: 10,
      }),
    ).toEqual({
      where: {
        actor: { contains: "ali", mode: "insensitive" },
        OR: [{ name: { startsWith: "rev", mode: "insensitive" } }],
        createdAt: { gte: since },
      },
      take: 10,
    });
  });

  it("leave equality, data and queries without a where clause alone", () => {
    expect(caseInsensitiveLike({ where: { actor: "alice" } })).toEqual({ where: { actor: "alice" } });
    expect(caseInsensitiveLike({ data: { comment: { contains: "x" } } })).toEqual({
      data: { comment: { contains: "x" } },
    });
    expect(caseInsensitiveLike(undefined)).toBeUndefined();
  });

  it("keep Prisma's values that are objects, such as the SQL NULL of a JSON column", () => {
    const rewritten = caseInsensitiveLike({ where: { after: { equals: Prisma.DbNull }, name: { contains: "r" } } });
    expect(rewritten.where.after.equals).toBe(Prisma.DbNull);
    expect(rewritten.where.name).toEqual({ contains: "r", mode: "insensitive" });
  });
});
