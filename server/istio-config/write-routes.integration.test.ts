/**
 * The console's write routes (wizard POST, editor PUT, rollback POST) called as Next.js calls
 * them, against the simulated cluster and a real SQLite file, found through the same
 * environment the console reads (KUBECONFIG, DATABASE_URL): concurrent applies, a kubectl
 * change between a wizard's read and its write, a page kind that names no Istio kind, a
 * rollback of an entry from another cluster, and a database that cannot record the intent.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as wizardPost } from "@/app/api/traffic/[namespace]/[service]/[wizard]/route";
import { PUT as editorPut } from "@/app/api/istio/objects/[namespace]/[kind]/[name]/route";
import { POST as rollbackPreviewPost } from "@/app/api/audit/[id]/rollback/preview/route";
import { POST as rollbackPost } from "@/app/api/audit/[id]/rollback/route";
import { rollbackPreviewSchema } from "@/lib/contracts/audit";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { listAuditEntries, recordAuditEntry } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import { readClusterId, type KubeConnection } from "@/server/adapters/kube";
import { getIstioObject, listIstioObjects, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { applyIstioChangesLive, previewIstioChangesLive } from "@/server/istio-config";
import { createTrafficReadDeps } from "@/server/traffic";
import { applyWizard } from "@/server/traffic/run-wizard";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";

const run = promisify(execFile);

interface ApiAnswer {
  status: number;
  body: {
    error?: {
      code: string;
      message: string;
      details?: { conflicts?: { kind: string; name: string; live: StoredIstioObject | null }[] };
    };
  };
}

describe("the write routes against the simulated cluster", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let sim: RunningSimulator;
  let dir: string;
  let connection: KubeConnection;
  let dbUrl: string;
  const reviewsRef = { kind: "VirtualService", namespace: "bookinfo", name: "reviews" };

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("write-routes", (paths) => startSimulator({ port: 0, ...paths }));
    ({ sim, dir, connection, dbUrl } = consoleEnv);
  });

  afterEach(() => {
    sim.setApiLatency(0);
    process.env.DATABASE_URL = dbUrl;
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  const kubectl = (...args: string[]) => run("/usr/bin/kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args]);

  async function applyShift(v1: number, comment: string): Promise<ApiAnswer> {
    const request = new Request("http://localhost/api/traffic/bookinfo/reviews/traffic-shifting", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      // No `base`: the write must still be conditioned on what this apply read.
      body: JSON.stringify({
        input: {
          routes: [
            { subset: "v1", weight: v1 },
            { subset: "v2", weight: 100 - v1 },
          ],
        },
        comment,
      }),
    });
    const response = await wizardPost(request, {
      params: Promise.resolve({ namespace: "bookinfo", service: "reviews", wizard: "traffic-shifting" }),
    });
    return { status: response.status, body: (await response.json()) as ApiAnswer["body"] };
  }

  async function editYaml(kind: string, name: string, yaml: string, baseResourceVersion: string): Promise<ApiAnswer> {
    const request = new Request(`http://localhost/api/istio/objects/bookinfo/${kind}/${name}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ yaml, baseResourceVersion }),
    });
    const response = await editorPut(request, { params: Promise.resolve({ namespace: "bookinfo", kind, name }) });
    return { status: response.status, body: (await response.json()) as ApiAnswer["body"] };
  }

  async function rollback(
    id: string,
    body: { to: "after" | "before"; baseResourceVersion: string | null },
  ): Promise<ApiAnswer> {
    const request = new Request(`http://localhost/api/audit/${id}/rollback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const response = await rollbackPost(request, { params: Promise.resolve({ id }) });
    return { status: response.status, body: (await response.json()) as ApiAnswer["body"] };
  }

  const v1Weight = (object: StoredIstioObject | undefined) => {
    const http =
      (object?.spec as { http?: { route?: { destination: { subset?: string }; weight?: number }[] }[] } | undefined)
        ?.http ?? [];
    return http.at(-1)?.route?.find((r) => r.destination.subset === "v1")?.weight;
  };

  /** Every Istio object of the namespace with its resourceVersion: if none moved, nothing reached the cluster. */
  const versions = async () =>
    Object.fromEntries(
      (
        await Promise.all(
          ["VirtualService", "DestinationRule"].map((kind) => listIstioObjects(connection, kind, "bookinfo")),
        )
      )
        .flat()
        .map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.resourceVersion]),
    );

  /** `count` applies at once, apply i asking for v1 at `firstWeight + i` (none equal to what is live). */
  async function race(
    count: number,
    firstWeight: number,
    label: string,
  ): Promise<{ winner: number; answers: ApiAnswer[] }> {
    // A slow API server: every apply has read before any has written.
    sim.setApiLatency(300);
    const answers = await Promise.all(
      Array.from({ length: count }, (_, i) => applyShift(firstWeight + i, `${label} ${i}`)),
    );
    sim.setApiLatency(0);
    const winners = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
    expect(winners).toHaveLength(1);
    const losers = answers.filter((a) => a.status !== 200);
    expect(losers.map((a) => [a.status, a.body.error?.code])).toEqual(
      Array.from({ length: count - 1 }, () => [409, "conflict"]),
    );
    for (const loser of losers)
      expect(loser.body.error?.details?.conflicts).toEqual([
        expect.objectContaining({ kind: "VirtualService", name: "reviews" }),
      ]);
    return { winner: winners[0]!, answers };
  }

  it("creates the VirtualService once when 20 wizards apply at the same time without a base; the others get 409 conflict", async () => {
    expect(await getIstioObject(connection, reviewsRef)).toBeUndefined();
    const { winner } = await race(20, 1, "create");
    const live = await getIstioObject(connection, reviewsRef);
    expect(v1Weight(live)).toBe(1 + winner);
    const entries = await listAuditEntries(getDb(dbUrl), { ...reviewsRef, status: "applied" });
    expect(entries.map((e) => [e.action, e.comment, e.resourceVersion])).toEqual([
      ["create", `create ${winner}`, live?.metadata.resourceVersion],
    ]);
  });

  it("updates it once when 20 wizards apply at the same time without a base; the survivor holds exactly the winner's change", async () => {
    const { winner } = await race(20, 31, "update");
    const live = await getIstioObject(connection, reviewsRef);
    expect(v1Weight(live)).toBe(31 + winner);
    const entries = await listAuditEntries(getDb(dbUrl), { ...reviewsRef, status: "applied" });
    expect(entries[0]).toMatchObject({
      action: "update",
      comment: `update ${winner}`,
      resourceVersion: live?.metadata.resourceVersion,
      clusterId: await readClusterId(connection),
      kubeContext: connection.context,
    });
    expect(await listAuditEntries(getDb(dbUrl), { ...reviewsRef, status: "pending" })).toEqual([]);
  });

  it("does not overwrite a kubectl patch made between the wizard's read and its write: 409 conflict, kubectl's change stays", async () => {
    const patch = {
      spec: { http: [{ timeout: "7s", route: [{ destination: { host: "reviews", subset: "v1" }, weight: 100 }] }] },
    };
    const read = createTrafficReadDeps(connection);
    const deps = {
      ...read,
      // The wizard has read the VirtualService; someone patches it before the wizard writes.
      async listVirtualServices(namespace: string) {
        const listed = await read.listVirtualServices(namespace);
        await kubectl("patch", "vs", "reviews", "-n", "bookinfo", "--type", "merge", "-p", JSON.stringify(patch));
        return listed;
      },
      preview: previewIstioChangesLive,
      apply: applyIstioChangesLive,
    };
    const input = {
      routes: [
        { subset: "v1", weight: 30 },
        { subset: "v2", weight: 70 },
      ],
    };
    const error = await applyWizard(deps, { namespace: "bookinfo", service: "reviews" }, "traffic-shifting", {
      input,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict", httpStatus: 409 });
    const live = await getIstioObject(connection, reviewsRef);
    expect(live?.spec?.http).toEqual(patch.spec.http);
  });

  it("refuses PUT to a kind that is not an Istio kind with a 400 naming the served kinds, and leaves the object its YAML names alone", async () => {
    const before = await getIstioObject(connection, reviewsRef);
    const yaml = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v3}\n`;
    const answer = await editYaml("Bogus", "reviews", yaml, before?.metadata.resourceVersion ?? "");
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain(
      '"Bogus" is not an Istio kind; the served kinds are VirtualService, DestinationRule',
    );
    expect((await getIstioObject(connection, reviewsRef))?.metadata.resourceVersion).toBe(
      before?.metadata.resourceVersion,
    );
  });

  it("never rolls an entry recorded on another cluster back onto this one: 409, nothing written or recorded", async () => {
    const live = await getIstioObject(connection, reviewsRef);
    const foreign = await recordAuditEntry(getDb(dbUrl), {
      ...reviewsRef,
      actor: "alice",
      action: "update",
      source: "editor",
      before: {
        ...live,
        spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v3" } }] }] },
      },
      after: live,
      clusterId: "00000000-0000-0000-0000-000000000000",
      kubeContext: connection.context,
    });
    const countBefore = (await listAuditEntries(getDb(dbUrl), reviewsRef)).length;
    const answer = await rollback(foreign.id, {
      to: "before",
      baseResourceVersion: live?.metadata.resourceVersion ?? null,
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("conflict");
    expect(answer.body.error?.message).toContain(
      `Audit entry ${foreign.id} belongs to the cluster whose kube-system namespace has UID 00000000-0000-0000-0000-000000000000`,
    );
    expect(answer.body.error?.message).toContain("nothing was changed");
    expect((await getIstioObject(connection, reviewsRef))?.metadata.resourceVersion).toBe(
      live?.metadata.resourceVersion,
    );
    expect(await listAuditEntries(getDb(dbUrl), reviewsRef)).toHaveLength(countBefore);
  });

  it("previews a rollback as the diff from the live object, through the route, and writes and records nothing", async () => {
    const [latest] = await listAuditEntries(getDb(dbUrl), {
      ...reviewsRef,
      source: "wizard",
      status: "applied",
      limit: 1,
    });
    const live = await getIstioObject(connection, reviewsRef);
    const countBefore = (await listAuditEntries(getDb(dbUrl), reviewsRef)).length;
    const response = await rollbackPreviewPost(
      new Request(`http://localhost/api/audit/${latest!.id}/rollback/preview`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ to: "before", baseResourceVersion: live?.metadata.resourceVersion ?? null }),
      }),
      { params: Promise.resolve({ id: latest!.id }) },
    );
    expect(response.status).toBe(200);
    const preview = rollbackPreviewSchema.parse(await response.json());
    expect(preview.changes.map((c) => [c.kind, c.name, c.action])).toEqual([["VirtualService", "reviews", "update"]]);
    expect(preview.changes[0]?.diff.some((l) => l.op !== "same")).toBe(true);
    expect((await getIstioObject(connection, reviewsRef))?.metadata.resourceVersion).toBe(
      live?.metadata.resourceVersion,
    );
    expect(await listAuditEntries(getDb(dbUrl), reviewsRef)).toHaveLength(countBefore);
  });

  it("rolls an entry of this cluster back through the intent path, recorded as rollback with the API server's resourceVersion", async () => {
    const [latest] = await listAuditEntries(getDb(dbUrl), {
      ...reviewsRef,
      source: "wizard",
      status: "applied",
      limit: 1,
    });
    const live = await getIstioObject(connection, reviewsRef);
    const answer = await rollback(latest!.id, {
      to: "before",
      baseResourceVersion: live?.metadata.resourceVersion ?? null,
    });
    expect(answer.body.error).toBeUndefined();
    const after = await getIstioObject(connection, reviewsRef);
    expect(after?.spec).toEqual((latest!.before as { spec: unknown }).spec);
    const [entry] = await listAuditEntries(getDb(dbUrl), { ...reviewsRef, limit: 1 });
    expect(entry).toMatchObject({
      action: "rollback",
      source: "rollback",
      status: "applied",
      resourceVersion: after?.metadata.resourceVersion,
      clusterId: await readClusterId(connection),
    });
  });

  it("changes nothing in the cluster when the database cannot record the intent: wizard and editor answer 500 `database`", async () => {
    // A database whose tables are gone (never migrated): it opens, but takes no audit entry.
    process.env.DATABASE_URL = `file:${path.join(dir, "no-tables.db")}`;
    const before = await versions();
    const live = await getIstioObject(connection, reviewsRef);

    const wizard = await applyShift(42, "while the database is down");
    const yaml = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews, subset: v3}\n`;
    const editor = await editYaml("virtualservices", "reviews", yaml, live?.metadata.resourceVersion ?? "");

    expect(await versions()).toEqual(before);
    expect((await getIstioObject(connection, reviewsRef))?.spec).toEqual(live?.spec);
    for (const answer of [wizard, editor]) {
      expect(answer.status).toBe(500);
      expect(answer.body.error?.code).toBe("database");
      expect(answer.body.error?.message).toMatch(
        /^The audit log could not record the change of VirtualService bookinfo\/reviews before making it \(The table `main.AuditEntry` does not exist in the current database.\), so nothing was changed in the cluster/,
      );
    }
  });
});
