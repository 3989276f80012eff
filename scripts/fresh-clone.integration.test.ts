/**
 * The README's quick start on a fresh clone: `npm test` and `npm run demo` each begin with the
 * idempotent setup (package.json), so a clone without node_modules needs nothing else. The
 * whole `npm test` takes over ten minutes, so this runs the setup step exactly as package.json
 * spells it, in a clone of this checkout's HEAD, then one small unit test file with what it
 * installed, then the setup step again, which must find everything in place.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const minutes = (n: number) => n * 60_000;

let dir = "";
let clone = "";

/**
 * A shell user's environment: none of the npm_*, Vitest or
 * colour variables this test runs under (plain output to match).
 */
function freshEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NO_COLOR: "1" };
  for (const name of Object.keys(env)) {
    if (/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$|DATABASE_URL$|TOPSAIL_|FORCE_COLOR$)/i.test(name)) delete env[name];
  }
  return env;
}

function run(command: string, timeout: number): SpawnSyncReturns<string> & { seconds: number } {
  const started = Date.now();
  const result = spawnSync("bash", ["-c", command], {
    cwd: clone,
    env: freshEnv(),
    encoding: "utf8",
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

/** The step package.json runs before a script's own command (`setup && command`). */
function setupStepOf(script: "test" | "demo"): string {
  const scripts = (
    JSON.parse(readFileSync(path.join(clone, "package.json"), "utf8")) as { scripts: Record<string, string> }
  ).scripts;
  return scripts[script]?.split(" && ")[0] ?? "";
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "topsail-fresh-clone-"));
  clone = path.join(dir, "topsail");
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
  const cloned = spawnSync(
    "bash",
    [
      "-c",
      `git clone --quiet --no-checkout "${root}" "${clone}" && git -C "${clone}" checkout --quiet --detach ${head}`,
    ],
    { encoding: "utf8" },
  );
  expect(cloned.status, cloned.stderr).toBe(0);
  // CI clones beside ../shared (.ci/run); so does this, when the main checkout has one.
  const commonDir = spawnSync("git", ["rev-parse", "--path-format=absolute", "--git-common-dir"], {
    cwd: root,
    encoding: "utf8",
  }).stdout.trim();
  const shared = path.resolve(path.dirname(commonDir), "../shared");
  if (existsSync(shared)) symlinkSync(shared, path.join(dir, "shared"));
}, minutes(1));

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a fresh clone, with only the README's two commands", () => {
  it("runs setup first in both npm test and npm run demo", () => {
    expect(existsSync(path.join(clone, "node_modules"))).toBe(false);
    expect(setupStepOf("test")).toBe("bash scripts/setup.sh");
    expect(setupStepOf("demo")).toBe("bash scripts/setup.sh");
  });

  it(
    "installs what the tests need with npm test's setup step, runs a unit test with it, and leaves the tree as cloned",
    () => {
      // 80 s on an idle machine, three minutes on a busy one: mostly compiling better-sqlite3.
      const setup = run(setupStepOf("test"), minutes(4));
      console.log(`fresh-clone setup: ${setup.seconds.toFixed(0)} s`);
      expect(setup.status, `${setup.stdout}\n${setup.stderr}`).toBe(0);
      expect(setup.stdout).toContain("setup: installing npm packages");
      expect(setup.stdout).toMatch(/generated prisma client/);
      expect(setup.stdout).toMatch(/applied \d+ migration\(s\)/);

      const smoke = run("npx vitest run --project unit lib/bounded-line-diff.test.ts", minutes(1));
      expect(smoke.status, `${smoke.stdout}\n${smoke.stderr}`).toBe(0);
      expect(smoke.stdout).toMatch(/Tests\s+\S*\d+ passed/);

      const status = run("git status --porcelain", 10_000);
      expect(status.stdout).toBe("");
    },
    minutes(5),
  );

  it(
    "then finds everything in place: a second setup installs nothing and takes seconds",
    () => {
      const again = run(setupStepOf("demo"), minutes(1));
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toContain("setup: system packages present");
      expect(again.stdout).toContain("setup: npm packages up to date");
      expect(again.stdout).toMatch(/prisma clients? up to date/);
      expect(again.stdout).toMatch(/no pending migrations/);
      expect(again.stdout).not.toMatch(/installing/);
      expect(again.seconds).toBeLessThan(10);
    },
    minutes(1),
  );
});
