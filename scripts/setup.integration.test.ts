import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

// The suite runs after `npm run setup` (CI's .ci/run, or a developer's first step), so a
// second run here must find everything in place and change nothing.
describe("npm run setup, run again", () => {
  it("is a no-op: packages, Prisma client and migrations are all up to date", () => {
    const result = spawnSync("npm", ["run", "--silent", "setup"], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("setup: system packages present");
    expect(result.stdout).toContain("setup: npm packages up to date");
    expect(result.stdout).toMatch(/prisma client up to date/);
    expect(result.stdout).toMatch(/no pending migrations/);
    expect(result.stdout).not.toMatch(/installing/);
  });
});
