import { describe, expect, it } from "vitest";
import { migrationDirectoryName, migrationTimestamp } from "./migrations-folder";

describe("migration folder names", () => {
  const now = new Date("2026-11-21T21:35:07.123Z");

  it("use Prisma's UTC timestamp prefix", () => {
    expect(migrationTimestamp(now)).toBe("20261121213507");
  });

  it("turn any name into a snake_case slug", () => {
    expect(migrationDirectoryName("Add experiments table!", now)).toBe("20261121213507_add_experiments_table");
  });

  it("refuse a name with nothing usable in it", () => {
    expect(() => migrationDirectoryName("--", now)).toThrow(/no letters or digits/);
  });
});
