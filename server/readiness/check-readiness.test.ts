import { describe, expect, it } from "vitest";
import { checkReadiness, type ReadinessProbes } from "./check-readiness";

const allWell: ReadinessProbes = {
  database: async () => ({ ok: true }),
  migrations: async () => ({ ok: true }),
  connections: async () => ({ kubernetes: { ok: true }, prometheus: { ok: true } }),
};

describe("checkReadiness", () => {
  it("is ready when the database answers and its migrations are applied", async () => {
    expect(await checkReadiness(allWell)).toEqual({
      status: "ready",
      checks: { database: { ok: true }, migrations: { ok: true }, kubernetes: { ok: true }, prometheus: { ok: true } },
    });
  });

  it("stays ready without Kubernetes and Prometheus, and says they are gone", async () => {
    const readiness = await checkReadiness({
      ...allWell,
      connections: async () => ({
        kubernetes: { ok: false, message: "Cannot reach the Kubernetes API" },
        prometheus: { ok: false, message: "Cannot reach Prometheus" },
      }),
    });
    expect(readiness.status).toBe("ready");
    expect(readiness.checks.kubernetes).toEqual({ ok: false, message: "Cannot reach the Kubernetes API" });
    expect(readiness.checks.prometheus).toEqual({ ok: false, message: "Cannot reach Prometheus" });
  });

  it("is unready with the database's reason, and does not run the migration check", async () => {
    let migrationsChecked = false;
    const readiness = await checkReadiness({
      ...allWell,
      database: async () => ({ ok: false, message: "database at file:/x.db is not usable (file is not a database)" }),
      migrations: async () => {
        migrationsChecked = true;
        return { ok: true };
      },
    });
    expect(readiness.status).toBe("unready");
    expect(readiness.reason).toBe("database at file:/x.db is not usable (file is not a database)");
    expect(migrationsChecked).toBe(false);
  });

  it("is unready while migrations are pending", async () => {
    const readiness = await checkReadiness({
      ...allWell,
      migrations: async () => ({ ok: false, message: "1 pending (20261205001011_trusted_writes)" }),
    });
    expect(readiness).toMatchObject({ status: "unready", reason: "1 pending (20261205001011_trusted_writes)" });
  });

  it("turns a probe that throws into an unready answer instead of an error", async () => {
    const readiness = await checkReadiness({
      ...allWell,
      migrations: async () => {
        throw new Error("could not read the migration history");
      },
      connections: async () => {
        throw new Error("TOPSAIL_PROMETHEUS_URL is not a URL");
      },
    });
    expect(readiness.status).toBe("unready");
    expect(readiness.reason).toBe("could not read the migration history");
    expect(readiness.checks.prometheus).toEqual({ ok: false, message: "TOPSAIL_PROMETHEUS_URL is not a URL" });
  });
});
