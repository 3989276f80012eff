import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { listAuditEntries, recordAuditEntry } from "@/server/adapters/db/audit-entries";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { loadKubeConfig, type KubeConnection } from "@/server/adapters/kube";
import { getIstioObject } from "@/server/adapters/kube/istio-objects";
import { applyIstioChanges } from "@/server/istio-config/apply-istio-changes";
import { createIstioWriteDeps } from "@/server/istio-config";
import { EXTERNAL_ACTOR, startExternalChangeWatcher, type ExternalChangeWatcher } from "./external-changes";

const run = promisify(execFile);

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the external-change watcher against the simulated cluster", () => {
  let sim: RunningSimulator;
  let dir: string;
  let connection: KubeConnection;
  let dbUrl: string;
  let watcher: ExternalChangeWatcher;
  const ref = { kind: "DestinationRule", namespace: "bookinfo", name: "reviews" };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "topsail-audit-watch-"));
    sim = await startSimulator({ port: 0, dataDir: path.join(dir, "sim"), kubeconfigPath: path.join(dir, "kubeconfig") });
    const loaded = loadKubeConfig({ KUBECONFIG: sim.kubeconfigPath });
    if (!loaded.ok) throw new Error(loaded.message);
    connection = { kubeConfig: loaded.kubeConfig, server: loaded.server, context: loaded.context, source: loaded.source };
    dbUrl = `file:${path.join(dir, "audit.db")}`;
    await applyPendingMigrations(dbUrl);
    watcher = startExternalChangeWatcher({ connection, db: getDb(dbUrl), settleMs: 300, log: () => {} });
    await watcher.ready;
  });

  afterAll(async () => {
    await watcher?.stop();
    await disconnectDb();
    await sim?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const kubectl = (...args: string[]) => run("/usr/bin/kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args]);
  const history = (kind: string, name: string) => listAuditEntries(getDb(dbUrl), { kind, namespace: "bookinfo", name });

  it("records a kubectl patch of a VirtualService as an external change with before and after", async () => {
    const vs = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "ratings", namespace: "bookinfo" },
      spec: { hosts: ["ratings"], http: [{ route: [{ destination: { host: "ratings", subset: "v1" } }] }] },
    };
    // Created through Topsail: audited by the write path, so not external.
    const write = { ...createIstioWriteDeps(connection), recordAudit: (entry: Parameters<typeof recordAuditEntry>[1]) => recordAuditEntry(getDb(dbUrl), entry) };
    await applyIstioChanges(write, { changes: [{ kind: "VirtualService", namespace: "bookinfo", name: "ratings", desired: vs }], actor: "alice", source: "wizard" });

    await kubectl("patch", "vs", "ratings", "-n", "bookinfo", "--type", "merge", "-p", JSON.stringify({ spec: { http: [{ timeout: "3s", route: [{ destination: { host: "ratings", subset: "v1" } }] }] } }));

    const entries = await eventually(() => history("VirtualService", "ratings"), (e) => e.some((x) => x.source === "external"));
    expect(entries.map((e) => e.source)).toEqual(["external", "wizard"]);
    const external = entries[0];
    expect(external).toMatchObject({ action: "update", actor: EXTERNAL_ACTOR, kind: "VirtualService", name: "ratings" });
    expect((external?.before?.spec as { http: unknown[] }).http).toEqual(vs.spec.http);
    expect((external?.after?.spec as { http: { timeout?: string }[] }).http[0]?.timeout).toBe("3s");
    const live = await getIstioObject(connection, { kind: "VirtualService", namespace: "bookinfo", name: "ratings" });
    expect((external?.after?.metadata as { resourceVersion?: string }).resourceVersion).toBe(live?.metadata.resourceVersion);
  });

  it("does not record Topsail's own writes as external", async () => {
    const dr = await getIstioObject(connection, ref);
    if (!dr) throw new Error("the default scenario has a reviews DestinationRule");
    const write = { ...createIstioWriteDeps(connection), recordAudit: (entry: Parameters<typeof recordAuditEntry>[1]) => recordAuditEntry(getDb(dbUrl), entry) };
    const desired = { ...dr, spec: { ...dr.spec, trafficPolicy: { outlierDetection: { consecutive5xxErrors: 3 } } } };
    await applyIstioChanges(write, { changes: [{ ...ref, desired, baseResourceVersion: dr.metadata.resourceVersion }], actor: "alice", source: "wizard" });
    // Give the watcher time to see (and judge) the event.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await history("DestinationRule", "reviews")).map((e) => e.source)).toEqual(["wizard"]);
  });

  it("records a kubectl delete as an external delete", async () => {
    await kubectl("delete", "vs", "ratings", "-n", "bookinfo");
    const entries = await eventually(() => history("VirtualService", "ratings"), (e) => e[0]?.action === "delete");
    expect(entries[0]).toMatchObject({ action: "delete", source: "external", after: null });
  });
});
