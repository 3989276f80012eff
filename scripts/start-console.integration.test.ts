import { spawnSync } from "node:child_process";
import path from "node:path";
import { consoleReadyPattern } from "./console-ready";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

describe("npm start with a bad configuration", () => {
  it("exits with one line that names TOPSAIL_PROMETHEUS_URL and the fix", () => {
    const result = spawnSync("npm", ["start", "--silent"], {
      cwd: root,
      env: { ...process.env, TOPSAIL_PROMETHEUS_URL: "notaurl", PORT: "3299" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    const lines = result.stderr.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("TOPSAIL_PROMETHEUS_URL");
    expect(lines[0]).toContain("http://");
    // Nothing started: no server banner on stdout.
    expect(result.stdout).not.toMatch(consoleReadyPattern);
  });

  it("refuses an experiment tick of 1 ms with one line naming the setting and its range", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start-console.ts"], {
      cwd: root,
      env: { ...process.env, TOPSAIL_EXPERIMENT_TICK_MS: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "Invalid configuration: TOPSAIL_EXPERIMENT_TICK_MS must be a whole number of milliseconds from 100 to 300000 (5 minutes), e.g. 3000",
    );
  });

  it("names PORT when it is not a port", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start-console.ts"], {
      cwd: root,
      env: { ...process.env, PORT: "eighty" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^Invalid configuration: PORT/);
  });

  it("refuses anonymous access on an address other machines reach, with one line naming TOPSAIL_AUTH_STRATEGY", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start-console.ts"], {
      cwd: root,
      env: { ...process.env, TOPSAIL_HOST: "0.0.0.0", TOPSAIL_AUTH_STRATEGY: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: TOPSAIL_AUTH_STRATEGY is anonymous but TOPSAIL_HOST=0\.0\.0\.0/);
  });

  it("refuses the token strategy without its session secret, with one line naming TOPSAIL_SESSION_SECRET", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start-console.ts"], {
      cwd: root,
      env: { ...process.env, TOPSAIL_HOST: "0.0.0.0", TOPSAIL_AUTH_STRATEGY: "token", TOPSAIL_SESSION_SECRET: "" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      "Invalid configuration: TOPSAIL_SESSION_SECRET is required for TOPSAIL_AUTH_STRATEGY=token: set it to 32 or more random characters, e.g. `openssl rand -base64 32`",
    );
  });
});
