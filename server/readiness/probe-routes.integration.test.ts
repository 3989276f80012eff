/**
 * The probe routes on a real SQLite file, with no cluster and no Prometheus (so the tests
 * also show that neither makes the console unready): /api/ready is 200 on a migrated
 * database and 503 with the reason on one that cannot serve; /api/health answers regardless.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { readinessSchema } from "@/lib/contracts/probes";
import { disconnectDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { startPostgres, type PostgresServer } from "@/server/adapters/db/test-support/postgres-server";

const envNames = ["DATABASE_URL", "KUBECONFIG", "HOME", "TOPSAIL_PROMETHEUS_URL"] as const;
const saved = Object.fromEntries(envNames.map((name) => [name, process.env[name]]));
const dir = mkdtempSync(path.join(tmpdir(), "topsail-probes-"));

async function readyWith(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  const response = await ready();
  return { status: response.status, body: readinessSchema.parse(await response.json()) };
}

beforeAll(() => {
  process.env.KUBECONFIG = "";
  process.env.HOME = dir;
  process.env.TOPSAIL_PROMETHEUS_URL = "http://127.0.0.1:1";
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await disconnectDb();
  rmSync(dir, { recursive: true, force: true });
});

describe("/api/ready", () => {
  it("is 200 on a migrated database, reporting Kubernetes and Prometheus as unreachable", async () => {
    const url = `file:${path.join(dir, "migrated.db")}`;
    await applyPendingMigrations(url);
    const { status, body } = await readyWith(url);
    expect(status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.checks.database.ok).toBe(true);
    expect(body.checks.migrations.ok).toBe(true);
    expect(body.checks.kubernetes.ok).toBe(false);
    expect(body.checks.prometheus).toMatchObject({ ok: false, message: expect.stringContaining("127.0.0.1:1") });
  });

  it("is 503 naming the cause when the database file is not a database", async () => {
    const file = path.join(dir, "garbage.db");
    writeFileSync(file, "this is not an SQLite database, just text long enough to fill a header page\n".repeat(20));
    const { status, body } = await readyWith(`file:${file}`);
    expect(status).toBe(503);
    expect(body.status).toBe("unready");
    expect(body.reason).toMatch(/garbage\.db is not usable/);
    expect(body.checks.migrations.ok).toBe(false);
  });

  it("is 503 while the database has no tables yet", async () => {
    const { status, body } = await readyWith(`file:${path.join(dir, "empty.db")}`);
    expect(status).toBe(503);
    expect(body.reason).toMatch(/has no tables yet/);
  });
});

describe("/api/ready on PostgreSQL", () => {
  let server: PostgresServer | undefined;

  afterAll(async () => {
    await disconnectDb();
    await server?.stop();
  });

  it("turns unready when PostgreSQL stops and ready again when it comes back", async () => {
    server = await startPostgres();
    const url = await server.createDatabase("topsail_ready");
    await applyPendingMigrations(url);
    expect((await readyWith(url)).status).toBe(200);

    await server.pause();
    const down = await readyWith(url);
    expect(down.status).toBe(503);
    expect(down.body.checks.database.ok).toBe(false);

    await server.resume();
    const back = await readyWith(url);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.status).toBe("ready");
  });
});

describe("/api/health", () => {
  it("answers 200 {status: ok} even when the database is unusable", async () => {
    process.env.DATABASE_URL = `file:${path.join(dir, "garbage.db")}`;
    const response = health();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
