import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/server/adapters/db/audit-entries";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import type { IstioWriteDeps } from "@/server/istio-config/apply-istio-changes";
import type { AuditIntent } from "@/server/istio-config/audit-intents";
import { TopsailError } from "@/server/errors";
import type { RouteRisk } from "@/lib/contracts/route-risks";
import { previewRollback, rollbackToEntry, type RollbackDeps } from "./rollback";

const live: StoredIstioObject = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "12" },
  spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v2" } }] }] },
};
const before = {
  ...live,
  metadata: { name: "reviews", namespace: "bookinfo", resourceVersion: "10" },
  spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }] }] },
};

const entry: AuditEntry = {
  id: "e1",
  createdAt: new Date("2026-12-01T10:00:00Z"),
  actor: "alice",
  actorGroups: [],
  action: "update",
  kind: "VirtualService",
  namespace: "bookinfo",
  name: "reviews",
  before,
  after: live,
  comment: null,
  source: "wizard",
  status: "applied",
  error: null,
  resourceVersion: "12",
  clusterId: "cluster-a",
  kubeContext: "sim",
};

/** One cluster (`reachable`) holding `live`, and an audit log holding `entry`. */
function fakeDeps(reachable: string, recorded: AuditEntry = entry, risks: RouteRisk[] = []) {
  const intents: AuditIntent[] = [];
  const writes: string[] = [];
  const write: IstioWriteDeps = {
    get: async () => live,
    create: async (o) => o,
    async replace(object, { dryRun }) {
      if (!dryRun) writes.push(`replace ${object.kind}/${object.metadata.name}`);
      return { ...object, metadata: { ...object.metadata, resourceVersion: "13" } };
    },
    remove: async () => undefined,
    validate: async () => [],
    routeRisks: async () => risks,
    cluster: async () => ({ clusterId: reachable, kubeContext: "sim" }),
    async recordIntent(intent) {
      intents.push(intent);
      return { id: `r${intents.length}` };
    },
    resolveIntent: async () => undefined,
    log: () => undefined,
  };
  const deps: RollbackDeps = {
    getEntry: async (id) => (id === recorded.id ? recorded : undefined),
    async requireSameCluster(expected, what) {
      if (expected && expected !== reachable)
        throw new TopsailError(
          "conflict",
          `${what} belongs to the cluster ${expected}, not ${reachable}; nothing was changed.`,
        );
    },
    write,
    actor: "bob",
  };
  return { deps, intents, writes };
}

describe("rollbackToEntry", () => {
  it("undoes a change through the intent path, recorded as action rollback, source rollback", async () => {
    const { deps, intents, writes } = fakeDeps("cluster-a");
    await rollbackToEntry(deps, { id: "e1", to: "before", baseResourceVersion: "12" });
    expect(writes).toEqual(["replace VirtualService/reviews"]);
    expect(intents).toEqual([
      expect.objectContaining({
        action: "rollback",
        source: "rollback",
        actor: "bob",
        clusterId: "cluster-a",
        comment: expect.stringContaining("audit entry e1"),
      }),
    ]);
  });

  it("never rolls an entry of another cluster back onto the current one: 409, nothing recorded or written", async () => {
    const { deps, intents, writes } = fakeDeps("cluster-b");
    const error = await rollbackToEntry(deps, { id: "e1", to: "before", baseResourceVersion: "12" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).code).toBe("conflict");
    expect((error as TopsailError).message).toContain("Audit entry e1");
    expect(writes).toEqual([]);
    expect(intents).toEqual([]);
  });

  it("refuses entries with no version to return to, saying why, and writes nothing", async () => {
    const cases: [Partial<AuditEntry>, string, RegExp][] = [
      [
        { status: "failed", error: "the API server answered 409" },
        "bad_request",
        /was never applied \(the API server answered 409\)/,
      ],
      [{ status: "pending" }, "conflict", /still being written/],
      [
        {
          kind: "Namespace",
          namespace: "bookinfo",
          name: "bookinfo",
          before: { "metadata.labels": { "istio-injection": "enabled" } },
        },
        "bad_request",
        /injection toggle on the namespace page/,
      ],
    ];
    for (const [overrides, code, message] of cases) {
      const { deps, intents, writes } = fakeDeps("cluster-a", { ...entry, ...overrides });
      const error = await rollbackToEntry(deps, { id: "e1", to: "before", baseResourceVersion: "12" }).catch(
        (e: unknown) => e,
      );
      expect((error as TopsailError).code).toBe(code);
      expect((error as TopsailError).message).toMatch(message);
      expect([writes, intents]).toEqual([[], []]);
    }
  });

  it("says which entry does not exist", async () => {
    const { deps } = fakeDeps("cluster-a");
    const error = await rollbackToEntry(deps, { id: "nope", to: "before", baseResourceVersion: "12" }).catch(
      (e: unknown) => e,
    );
    expect((error as TopsailError).code).toBe("not_found");
  });
});

describe("previewRollback", () => {
  const missingV1: RouteRisk = {
    kind: "missing-subset",
    virtualService: { namespace: "bookinfo", name: "reviews" },
    host: "reviews.bookinfo.svc.cluster.local",
    subset: "v1",
    message: "subset v1 of reviews (bookinfo) is not defined in any DestinationRule",
  };

  it("shows an undo as the diff from the live object to the version before, writing and recording nothing", async () => {
    const { deps, intents, writes } = fakeDeps("cluster-a");
    const preview = await previewRollback(deps, { id: "e1", to: "before", baseResourceVersion: "12" });
    expect(preview.changes).toHaveLength(1);
    expect(preview.changes[0]).toMatchObject({ kind: "VirtualService", name: "reviews", action: "update" });
    const changed = preview.changes[0]?.diff.filter((l) => l.op !== "same").map((l) => `${l.op} ${l.text.trim()}`);
    expect(changed).toEqual(["remove subset: v2", "add subset: v1"]);
    expect([writes, intents]).toEqual([[], []]);
  });

  it("keeps the conflict check: a live object newer than the one the user saw is a 409 before any preview", async () => {
    const { deps } = fakeDeps("cluster-a");
    const error = await previewRollback(deps, { id: "e1", to: "before", baseResourceVersion: "11" }).catch(
      (e: unknown) => e,
    );
    expect((error as TopsailError).code).toBe("conflict");
  });

  it("names the route risks, and the rollback applies only once the user confirmed them", async () => {
    const { deps, writes } = fakeDeps("cluster-a", entry, [missingV1]);
    const preview = await previewRollback(deps, { id: "e1", to: "before", baseResourceVersion: "12" });
    expect(preview.routeRisks).toEqual([missingV1]);
    const refused = await rollbackToEntry(deps, { id: "e1", to: "before", baseResourceVersion: "12" }).catch(
      (e: unknown) => e,
    );
    expect((refused as TopsailError).code).toBe("confirmation_required");
    expect(writes).toEqual([]);
    await rollbackToEntry(deps, { id: "e1", to: "before", baseResourceVersion: "12", confirm: ["missing-subset"] });
    expect(writes).toEqual(["replace VirtualService/reviews"]);
  });
});
