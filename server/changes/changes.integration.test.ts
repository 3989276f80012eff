/**
 * Issue 22's change markers end to end, below the browser: a `kubectl patch` of the reviews
 * VirtualService (a merge patch through client-node, as kubectl sends it) is recorded by the
 * external-change watcher and listed by GET /api/namespaces/bookinfo/changes for service
 * reviews; undoing it through POST /api/audit/{id}/rollback restores the previous spec, audited
 * as a rollback, and is refused (409) when the object changed since the user looked.
 */
import { CustomObjectsApi, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getChanges } from "@/app/api/namespaces/[namespace]/changes/route";
import { GET as getAuditEntry } from "@/app/api/audit/[id]/route";
import { POST as postRollback } from "@/app/api/audit/[id]/rollback/route";
import type { AuditEntryDetail } from "@/lib/contracts/audit";
import type { ChangeList } from "@/lib/contracts/changes";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { waitFor } from "@/sim/test-support/wait-for";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { getDb } from "@/server/adapters/db/client";
import type { KubeConnection } from "@/server/adapters/kube";
import { getIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import {
  EXTERNAL_ACTOR,
  startExternalChangeWatcher,
  type ExternalChangeWatcher,
} from "@/server/audit/external-changes";
import { topsailWriter } from "@/server/audit/test-support/topsail-writes";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";

const ref = { kind: "VirtualService", namespace: "bookinfo", name: "reviews" };
const routeTo = (subset: string) => [{ route: [{ destination: { host: "reviews", subset } }] }];

describe("change markers against the simulated cluster", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let connection: KubeConnection;
  let watcher: ExternalChangeWatcher;
  let custom: CustomObjectsApi;
  const from = Math.floor(Date.now() / 1000) - 1;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("changes", (paths) => startSimulator({ port: 0, ...paths }));
    connection = consoleEnv.connection;
    custom = connection.kubeConfig.makeApiClient(CustomObjectsApi);
    watcher = startExternalChangeWatcher({ connection, db: getDb(consoleEnv.dbUrl), log: () => {} });
    await watcher.ready;
    const vs: StoredIstioObject = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: { hosts: ["reviews"], http: routeTo("v1") },
    };
    await topsailWriter(getDb(consoleEnv.dbUrl), connection).create(vs);
  });

  afterAll(async () => {
    await watcher?.stop();
    await consoleEnv?.stop();
  });

  /** `kubectl patch vs reviews -n bookinfo --type merge -p '{"spec":{"http":…}}'`, as kubectl sends it. */
  const patchReviews = (subset: string) =>
    custom.patchNamespacedCustomObject(
      {
        group: "networking.istio.io",
        version: "v1",
        namespace: "bookinfo",
        plural: "virtualservices",
        name: "reviews",
        body: { spec: { http: routeTo(subset) } },
      },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );

  async function changes(query: string): Promise<{ status: number; body: ChangeList }> {
    const response = await getChanges(new Request(`http://localhost/api/namespaces/bookinfo/changes?${query}`), {
      params: Promise.resolve({ namespace: "bookinfo" }),
    });
    return { status: response.status, body: (await response.json()) as ChangeList };
  }
  async function detail(id: string): Promise<AuditEntryDetail> {
    const response = await getAuditEntry(new Request(`http://localhost/api/audit/${id}`), {
      params: Promise.resolve({ id }),
    });
    return (await response.json()) as AuditEntryDetail;
  }
  async function undo(id: string, baseResourceVersion: string | null) {
    const response = await postRollback(
      new Request(`http://localhost/api/audit/${id}/rollback`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ to: "before", baseResourceVersion }),
      }),
      { params: Promise.resolve({ id }) },
    );
    return { status: response.status, body: (await response.json()) as { error?: { code: string } } };
  }
  const liveHttp = async () => (await getIstioObject(connection, ref))?.spec?.http;
  /** The newest external change of reviews' VirtualService in the changes API, once the watcher recorded it. */
  const externalChangeAfter = (seen: ReadonlySet<string>) =>
    waitFor(async () => {
      const { body } = await changes(`from=${from}&service=reviews`);
      return body.changes.find((c) => c.source === "external" && c.name === "reviews" && !seen.has(c.id));
    }, "the kubectl patch in the changes of service reviews");

  it("lists a kubectl patch of the reviews VirtualService among the changes of service reviews, with who and why", async () => {
    await patchReviews("v2");
    const change = await externalChangeAfter(new Set());
    expect(change).toMatchObject({
      kind: "VirtualService",
      action: "update",
      actor: EXTERNAL_ACTOR,
      reasons: ["routes requests for reviews (bookinfo)", "routes to reviews (bookinfo)"],
    });
    const { body } = await changes(`from=${from}&service=reviews`);
    // Topsail's own create of the VirtualService is a change of reviews too, older than the patch.
    expect(body.changes.map((c) => c.source)).toEqual(["external", "editor"]);
    // The ratings service is not touched by it; the namespace's list holds both.
    expect((await changes(`from=${from}&service=ratings`)).body.changes).toEqual([]);
    expect((await changes(`from=${from}`)).body.changes).toHaveLength(2);
  });

  it("undoes the patch through the rollback API: the previous spec is back, recorded as a rollback", async () => {
    const [change] = (await changes(`from=${from}&service=reviews`)).body.changes;
    if (!change) throw new Error("the first test's patch is listed");
    const seen = await detail(change.id);
    const answer = await undo(change.id, seen.live.resourceVersion);
    expect(answer.status).toBe(200);
    expect(await liveHttp()).toEqual(routeTo("v1"));
    const [rollback] = await listAuditEntries(getDb(consoleEnv.dbUrl), { ...ref, source: "rollback" });
    expect(rollback).toMatchObject({ action: "rollback", status: "applied" });
    expect(rollback?.comment).toContain(`audit entry ${change.id}`);
    // The undo is itself a change of reviews: a marker of its own, and not judged external.
    const after = await waitFor(async () => {
      const { body } = await changes(`from=${from}&service=reviews`);
      return body.changes[0]?.source === "rollback" ? body : undefined;
    }, "the rollback among the changes of reviews");
    expect(after.changes.map((c) => c.source)).toEqual(["rollback", "external", "editor"]);
  });

  it("refuses the undo with 409 when the VirtualService changed after the user looked, and leaves it as it is", async () => {
    const seenIds = new Set((await changes(`from=${from}&service=reviews`)).body.changes.map((c) => c.id));
    await patchReviews("v2");
    const change = await externalChangeAfter(seenIds);
    const seen = await detail(change.id);
    // Someone else patches again between the user's look and their click.
    await patchReviews("v3");
    const answer = await undo(change.id, seen.live.resourceVersion);
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("conflict");
    expect(await liveHttp()).toEqual(routeTo("v3"));
  });

  it("answers 400 for a malformed window and 404 for a service bookinfo does not have", async () => {
    expect((await changes("from=yesterday")).status).toBe(400);
    expect((await changes(`from=${from}&service=nope`)).status).toBe(404);
  });
});
