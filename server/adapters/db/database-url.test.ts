import { describe, expect, it } from "vitest";
import { DatabaseSetupError } from "./database-setup-error";
import { detectDatabaseProvider, redactDatabaseUrl, resolveDatabaseUrl, sqliteFilePath } from "./database-url";

describe("resolveDatabaseUrl", () => {
  it("defaults to .topsail/topsail.db under the repo root", () => {
    expect(resolveDatabaseUrl({}, "/repo")).toBe("file:/repo/.topsail/topsail.db");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: "  " }, "/repo")).toBe("file:/repo/.topsail/topsail.db");
  });

  it("resolves a relative SQLite path against the repo root", () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: "file:./data/dev.db" }, "/repo")).toBe("file:/repo/data/dev.db");
  });

  it("keeps an absolute SQLite path", () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: "file:/var/lib/topsail.db" }, "/repo")).toBe("file:/var/lib/topsail.db");
    expect(resolveDatabaseUrl({ DATABASE_URL: "file:///var/lib/topsail.db" }, "/repo")).toBe(
      "file:/var/lib/topsail.db",
    );
  });

  it("keeps an in-memory SQLite database", () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: "file::memory:" }, "/repo")).toBe("file::memory:");
  });

  it("passes PostgreSQL URLs through unchanged", () => {
    const url = "postgresql://topsail:secret@db:5432/topsail?schema=public";
    expect(resolveDatabaseUrl({ DATABASE_URL: url }, "/repo")).toBe(url);
    expect(resolveDatabaseUrl({ DATABASE_URL: "postgres://db/topsail" }, "/repo")).toBe("postgres://db/topsail");
  });

  it("rejects other schemes without printing the password", () => {
    const resolve = () => resolveDatabaseUrl({ DATABASE_URL: "mysql://root:hunter2@db/topsail" }, "/repo");
    expect(resolve).toThrow(DatabaseSetupError);
    expect(resolve).toThrow(/mysql:\/\/root:\*\*\*@db\/topsail/);
    expect(resolve).not.toThrow(/hunter2/);
  });
});

describe("detectDatabaseProvider", () => {
  it.each([
    ["file:x.db", "sqlite"],
    ["postgres://h/d", "postgresql"],
    ["postgresql://h/d", "postgresql"],
  ])("%s is %s", (url, provider) => {
    expect(detectDatabaseProvider(url)).toBe(provider);
  });
});

describe("sqliteFilePath", () => {
  it("strips the scheme and refuses an empty path", () => {
    expect(sqliteFilePath("file:.topsail/topsail.db")).toBe(".topsail/topsail.db");
    expect(() => sqliteFilePath("file:")).toThrow(DatabaseSetupError);
  });
});

describe("redactDatabaseUrl", () => {
  it("hides the password and keeps the rest", () => {
    expect(redactDatabaseUrl("postgresql://u:p@h:5432/d")).toBe("postgresql://u:***@h:5432/d");
    expect(redactDatabaseUrl("postgresql://h/d")).toBe("postgresql://h/d");
    expect(redactDatabaseUrl("file:/a/b.db")).toBe("file:/a/b.db");
  });
});
