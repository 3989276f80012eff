import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { migratedSchemaFile } from "./migrate";
import { prismaPaths } from "./migrations-folder";

const read = (file: string) => readFileSync(file, "utf8");

/** The models of a schema, without native column types, comments and alignment. */
function models(schema: string): string[] {
  return schema
    .slice(schema.indexOf("\nmodel "))
    .split("\n")
    .map((line) =>
      line
        .replace(/\/\/.*$/, "")
        .replace(/@db\.\w+(\([^)]*\))?/g, "")
        .replace(/\s+/g, " ")
        .trim(),
    )
    .filter((line) => line !== "");
}

describe("the two Prisma schemas", () => {
  const sqlite = read(prismaPaths(undefined, "sqlite").schemaPath);
  const postgresql = read(prismaPaths(undefined, "postgresql").schemaPath);

  it("hold the same models, fields and indexes, so both generated clients have one API", () => {
    expect(models(postgresql)).toEqual(models(sqlite));
    expect(models(sqlite).length).toBeGreaterThan(50);
  });

  it("give PostgreSQL its native types: times with their time zone", () => {
    const dateTimes = postgresql.split("\n").filter((line) => /^\s+\w+\s+DateTime\??\s/.test(line));
    expect(dateTimes.length).toBeGreaterThan(0);
    for (const line of dateTimes) expect(line).toContain("@db.Timestamptz(3)");
  });

  it("give PostgreSQL its native types: JSON values as jsonb", () => {
    const jsons = postgresql.split("\n").filter((line) => /^\s+\w+\s+Json\??\s/.test(line));
    expect(jsons.length).toBeGreaterThan(0);
    for (const line of jsons) expect(line).toContain("@db.JsonB");
  });

  it("have a PostgreSQL migration for every change (npm run db:migration:create writes one for both)", () => {
    expect(read(migratedSchemaFile())).toBe(postgresql);
  });
});
