import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { getDb } from "@/server/adapters/db/client";
import { listAuditEntries } from "@/server/adapters/db/audit-entries";
import { readClusterId, type KubeConnection } from "@/server/adapters/kube";
import { getIstioObject, type StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { TopsailError } from "@/server/errors";
import { startConsoleOnSimulator, type ConsoleOnSimulator } from "@/server/http/test-support/console-on-simulator";
import { applyIstioChanges, previewIstioChanges, type IstioWriteDeps } from "./apply-istio-changes";
import { createIstioWriteDeps } from "./index";

describe("the write path against the simulated cluster", () => {
  let consoleEnv: ConsoleOnSimulator<RunningSimulator>;
  let connection: KubeConnection;
  let deps: IstioWriteDeps;
  let dbUrl: string;

  beforeAll(async () => {
    consoleEnv = await startConsoleOnSimulator("write", (paths) => startSimulator({ port: 0, ...paths }));
    ({ connection, dbUrl } = consoleEnv);
    deps = createIstioWriteDeps(connection, getDb(dbUrl));
  });

  afterAll(async () => {
    await consoleEnv?.stop();
  });

  const reviewsVs = (weights: Record<string, number>): StoredIstioObject => ({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo" },
    spec: {
      hosts: ["reviews"],
      http: [
        {
          route: Object.entries(weights).map(([subset, weight]) => ({
            destination: { host: "reviews", subset },
            weight,
          })),
        },
      ],
    },
  });

  it("applies a 50/50 split, readable through the Kubernetes API, with one audit entry carrying the API server's resourceVersion and the cluster", async () => {
    const outcomes = await applyIstioChanges(deps, {
      changes: [
        { kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: reviewsVs({ v1: 50, v3: 50 }) },
      ],
      actor: "alice",
      source: "wizard",
      comment: "canary v3",
    });
    expect(outcomes[0]?.action).toBe("create");
    const live = await getIstioObject(connection, { kind: "VirtualService", namespace: "bookinfo", name: "reviews" });
    expect(live?.spec).toEqual(reviewsVs({ v1: 50, v3: 50 }).spec);
    const entries = await listAuditEntries(getDb(dbUrl), {
      namespace: "bookinfo",
      kind: "VirtualService",
      name: "reviews",
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "create",
      actor: "alice",
      source: "wizard",
      comment: "canary v3",
      before: null,
    });
    expect(entries[0]).toMatchObject({
      status: "applied",
      error: null,
      resourceVersion: live?.metadata.resourceVersion,
      clusterId: await readClusterId(connection),
      kubeContext: connection.context,
    });
    expect(outcomes[0]?.auditId).toBe(entries[0]?.id);
  });

  it("refuses an edit of a version that is no longer live, and keeps the live one", async () => {
    const live = await getIstioObject(connection, { kind: "VirtualService", namespace: "bookinfo", name: "reviews" });
    const error = await applyIstioChanges(deps, {
      changes: [
        {
          kind: "VirtualService",
          namespace: "bookinfo",
          name: "reviews",
          desired: reviewsVs({ v1: 100 }),
          baseResourceVersion: "1",
        },
      ],
      actor: "bob",
      source: "editor",
    }).catch((e: unknown) => e);
    expect((error as TopsailError).code).toBe("conflict");
    const after = await getIstioObject(connection, { kind: "VirtualService", namespace: "bookinfo", name: "reviews" });
    expect(after?.metadata.resourceVersion).toBe(live?.metadata.resourceVersion);
  });

  it("refuses a route to a host the mesh does not know, before writing anything", async () => {
    const toNowhere = reviewsVs({ v1: 100 });
    (toNowhere.spec as { http: { route: { destination: { host: string } }[] }[] }).http[0]!.route[0]!.destination.host =
      "reviewz";
    const error = await applyIstioChanges(deps, {
      changes: [{ kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: toNowhere }],
      actor: "carol",
      source: "editor",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).message).toMatch(/KIA1101/);
    const live = await getIstioObject(connection, { kind: "VirtualService", namespace: "bookinfo", name: "reviews" });
    expect(live?.spec).toEqual(reviewsVs({ v1: 50, v3: 50 }).spec);
  });

  it("previews a route to a missing subset with Kiali's warning, writing nothing", async () => {
    const preview = await previewIstioChanges(deps, {
      changes: [{ kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: reviewsVs({ v4: 100 }) }],
      actor: "carol",
      source: "editor",
    });
    const checks = preview.validations.flatMap((v) => v.checks);
    expect(checks).toContainEqual(
      expect.objectContaining({ code: "KIA1107", path: "spec/http[0]/route[0]/destination" }),
    );
    const live = await getIstioObject(connection, { kind: "VirtualService", namespace: "bookinfo", name: "reviews" });
    expect(live?.spec).toEqual(reviewsVs({ v1: 50, v3: 50 }).spec);
  });

  it("lets the API server's admission refuse what istiod would, with istiod's message", async () => {
    const bad = reviewsVs({ v1: 50, v3: 50 });
    (bad.spec as { http: { fault?: unknown }[] }).http[0]!.fault = {};
    const error = await applyIstioChanges(deps, {
      changes: [{ kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: bad }],
      actor: "dave",
      source: "editor",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).message).toMatch(/fault injection must have an abort and\/or a delay/i);
  });
});
