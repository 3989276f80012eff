import { describe, expect, it } from "vitest";
import type { RouteRisk } from "@/lib/contracts/route-risks";
import type { ObjectValidation } from "@/lib/contracts/validations";
import type { IstioObjectRef, StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { DbError, TopsailError } from "@/server/errors";
import { applyIstioChanges, previewIstioChanges, type IstioWriteDeps } from "./apply-istio-changes";
import type { AuditIntent } from "./audit-intents";
import type { IstioChange } from "./plan-istio-changes";

interface FakeEntry extends AuditIntent {
  id: string;
  status: "pending" | "applied" | "failed";
  error?: string;
  resourceVersion?: string | null;
}

interface FakeOptions {
  /** The real (not dry-run) write of this object ("Kind/name") fails. */
  failOn?: string;
  invalid?: string;
  /** Someone else writes the object with this name between Topsail's dry-run and its write. */
  raceOn?: string;
  /** The database refuses the nth intent (1-based); 1 = it is down. */
  dbRefusesIntent?: number;
  /** The database refuses every outcome. */
  dbRefusesOutcomes?: boolean;
  /** Writing a VirtualService of this name would route to subset v9 of reviews, which no DestinationRule defines. */
  routesNowhere?: string;
}

/** A small in-memory API server and audit log, with one ordered log of what reached each. */
function fakeCluster(initial: StoredIstioObject[] = [], options: FakeOptions = {}) {
  let version = 100;
  const objects = new Map<string, StoredIstioObject>();
  const key = (r: IstioObjectRef) => `${r.kind}/${r.namespace}/${r.name}`;
  for (const o of initial)
    objects.set(key({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name }), {
      ...o,
      metadata: { ...o.metadata, resourceVersion: String(++version) },
    });
  const log: string[] = [];
  const writes: string[] = [];
  const entries: FakeEntry[] = [];
  const logged: string[] = [];
  const refOf = (o: StoredIstioObject) => ({ kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
  const failing = (o: { kind: string; metadata: { name: string } }) =>
    options.failOn === `${o.kind}/${o.metadata.name}`;
  // A dry run answers the version a write would get, without using it up.
  const nextVersion = (dryRun: boolean) => String(dryRun ? version + 1 : ++version);
  const race = (ref: IstioObjectRef, dryRun: boolean) => {
    const live = objects.get(key(ref));
    if (dryRun || options.raceOn !== ref.name || !live) return;
    objects.set(key(ref), {
      ...live,
      spec: { ...live.spec, changedBy: "kubectl" },
      metadata: { ...live.metadata, resourceVersion: String(++version) },
    });
  };
  const deps: IstioWriteDeps = {
    async get(ref) {
      return objects.get(key(ref));
    },
    async create(object, { dryRun }) {
      if (objects.has(key(refOf(object)))) throw new TopsailError("conflict", "already exists");
      if (!dryRun && failing(object)) throw new TopsailError("kube_api", "webhook timed out");
      const stored = { ...object, metadata: { ...object.metadata, resourceVersion: nextVersion(dryRun) } };
      if (!dryRun) {
        objects.set(key(refOf(object)), stored);
        writes.push(`create ${object.kind}/${object.metadata.name}`);
        log.push(`create ${object.kind}/${object.metadata.name} rv=${stored.metadata.resourceVersion}`);
      }
      return stored;
    },
    async replace(object, { dryRun }) {
      race(refOf(object), dryRun);
      const live = objects.get(key(refOf(object)));
      if (!live || live.metadata.resourceVersion !== object.metadata.resourceVersion)
        throw new TopsailError("conflict", "the object has been modified");
      if (!dryRun && failing(object)) throw new TopsailError("kube_api", "webhook timed out");
      const stored = { ...object, metadata: { ...object.metadata, resourceVersion: nextVersion(dryRun) } };
      if (!dryRun) {
        objects.set(key(refOf(object)), stored);
        writes.push(`update ${object.kind}/${object.metadata.name}`);
        log.push(`update ${object.kind}/${object.metadata.name} rv=${stored.metadata.resourceVersion}`);
      }
      return stored;
    },
    async remove(ref, { dryRun }) {
      const live = objects.get(key(ref));
      if (!live || (ref.resourceVersion !== undefined && live.metadata.resourceVersion !== ref.resourceVersion))
        throw new TopsailError("conflict", "precondition failed");
      if (!dryRun) {
        objects.delete(key(ref));
        writes.push(`delete ${ref.kind}/${ref.name}`);
        log.push(`delete ${ref.kind}/${ref.name}`);
      }
    },
    async validate(desired): Promise<ObjectValidation[]> {
      return desired.map((o) => ({
        kind: o.kind,
        namespace: o.metadata.namespace,
        name: o.metadata.name,
        valid: o.metadata.name !== options.invalid,
        checks:
          o.metadata.name === options.invalid
            ? [
                {
                  code: "KIA1107",
                  severity: "error",
                  message: "Subset not found",
                  path: "spec/http[0]/route[0]/destination",
                },
              ]
            : [],
      }));
    },
    async routeRisks(desired): Promise<RouteRisk[]> {
      return desired
        .filter((o) => o.kind === "VirtualService" && o.metadata.name === options.routesNowhere)
        .map((o) => ({
          kind: "missing-subset",
          virtualService: { namespace: o.metadata.namespace, name: o.metadata.name },
          host: "reviews.bookinfo.svc.cluster.local",
          subset: "v9",
          message: "subset v9 of reviews (bookinfo) is not defined in any DestinationRule",
        }));
    },
    async cluster() {
      return { clusterId: "uid-of-kube-system", kubeContext: "sim" };
    },
    async recordIntent(intent) {
      if (options.dbRefusesIntent !== undefined && entries.length + 1 >= options.dbRefusesIntent)
        throw new DbError("could not record the audit entry: attempt to write a readonly database");
      const entry: FakeEntry = { ...intent, id: `audit-${entries.length + 1}`, status: "pending" };
      entries.push(entry);
      log.push(`intent ${entry.id} ${intent.action} ${intent.kind}/${intent.name}`);
      return { id: entry.id };
    },
    async resolveIntent(id, outcome) {
      if (options.dbRefusesOutcomes) throw new DbError("could not record the outcome: disk I/O error");
      const entry = entries.find((e) => e.id === id);
      if (!entry) throw new Error(`no entry ${id}`);
      entry.status = outcome.status;
      if (outcome.status === "applied") {
        entry.after = outcome.after;
        entry.resourceVersion = outcome.resourceVersion;
        log.push(`applied ${id} rv=${outcome.resourceVersion}`);
      } else {
        entry.error = outcome.error;
        log.push(`failed ${id}`);
      }
    },
    log: (message) => logged.push(message),
  };
  return {
    deps,
    objects,
    writes,
    entries,
    log,
    logged,
    get: (kind: string, name: string) => objects.get(`${kind}/bookinfo/${name}`),
  };
}

const vs = (name: string, subsets: string[]): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace: "bookinfo" },
  spec: {
    hosts: [name],
    http: [
      {
        route: subsets.map((subset) => ({
          destination: { host: name, subset },
          weight: Math.round(100 / subsets.length),
        })),
      },
    ],
  },
});
const dr = (name: string, subsets: string[]): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name, namespace: "bookinfo" },
  spec: { host: name, subsets: subsets.map((s) => ({ name: s, labels: { version: s } })) },
});
const change = (object: StoredIstioObject, base?: string | null): IstioChange => ({
  kind: object.kind,
  namespace: "bookinfo",
  name: object.metadata.name,
  desired: object,
  ...(base !== undefined ? { baseResourceVersion: base } : {}),
});
const request = (changes: IstioChange[]) => ({
  changes,
  actor: "alice",
  source: "wizard" as const,
  comment: "canary v3",
});

async function failure(promise: Promise<unknown>): Promise<TopsailError> {
  const error = await promise.catch((e: unknown) => e);
  if (!(error instanceof TopsailError)) throw new Error(`expected a TopsailError, got ${String(error)}`);
  return error;
}

describe("applyIstioChanges", () => {
  it("writes the DestinationRule before the VirtualService that routes to its new subset", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"])]);
    await applyIstioChanges(
      cluster.deps,
      request([change(vs("reviews", ["v1", "v3"])), change(dr("reviews", ["v1", "v3"]))]),
    );
    expect(cluster.writes).toEqual(["update DestinationRule/reviews", "update VirtualService/reviews"]);
  });

  it("records every intent (pending) before the first cluster write, then each outcome with the resourceVersion the API server answered", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"])]);
    const outcomes = await applyIstioChanges(
      cluster.deps,
      request([change(vs("reviews", ["v1", "v3"])), change(dr("reviews", ["v1", "v3"]))]),
    );
    expect(cluster.log).toEqual([
      "intent audit-1 update DestinationRule/reviews",
      "intent audit-2 update VirtualService/reviews",
      "update DestinationRule/reviews rv=103",
      "applied audit-1 rv=103",
      "update VirtualService/reviews rv=104",
      "applied audit-2 rv=104",
    ]);
    expect(cluster.entries[1]).toMatchObject({
      action: "update",
      kind: "VirtualService",
      actor: "alice",
      source: "wizard",
      comment: "canary v3",
      clusterId: "uid-of-kube-system",
      kubeContext: "sim",
      status: "applied",
      resourceVersion: "104",
      before: { spec: vs("reviews", ["v1"]).spec },
      after: { spec: vs("reviews", ["v1", "v3"]).spec, metadata: { resourceVersion: "104" } },
    });
    expect(outcomes.map((o) => [o.kind, o.action, o.auditId])).toEqual([
      ["DestinationRule", "update", "audit-1"],
      ["VirtualService", "update", "audit-2"],
    ]);
  });

  it("writes nothing, and says so, when the database cannot take the intents", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])], { dbRefusesIntent: 1 });
    const error = await failure(applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v1", "v3"]))])));
    expect(error.code).toBe("database");
    expect(error.message).toContain("readonly database");
    expect(error.message).toContain("nothing was changed in the cluster");
    expect(cluster.writes).toEqual([]);
    expect(cluster.get("VirtualService", "reviews")?.spec).toEqual(vs("reviews", ["v1"]).spec);
  });

  it("writes nothing when the database fails after some intents, and marks those not attempted", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"])], { dbRefusesIntent: 2 });
    const error = await failure(
      applyIstioChanges(
        cluster.deps,
        request([change(vs("reviews", ["v1", "v3"])), change(dr("reviews", ["v1", "v3"]))]),
      ),
    );
    expect(error.code).toBe("database");
    expect(cluster.writes).toEqual([]);
    expect(cluster.entries).toEqual([
      expect.objectContaining({
        kind: "DestinationRule",
        status: "failed",
        error: expect.stringMatching(/^not attempted: /),
      }),
    ]);
  });

  it("reports a write as made when only its outcome could not be recorded, and leaves the entry pending", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])], { dbRefusesOutcomes: true });
    const outcomes = await applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v1", "v3"]))]));
    expect(outcomes[0]).toMatchObject({
      action: "update",
      auditId: "audit-1",
      after: { spec: vs("reviews", ["v1", "v3"]).spec },
    });
    expect(cluster.get("VirtualService", "reviews")?.spec).toEqual(vs("reviews", ["v1", "v3"]).spec);
    expect(cluster.entries[0]?.status).toBe("pending");
    expect(cluster.logged).toEqual([expect.stringContaining("audit-1")]);
  });

  it("puts back what was applied when a later write fails, auditing each restore and marking what was never attempted", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"]), vs("ratings", ["v1"])], {
      failOn: "VirtualService/reviews",
    });
    const error = await failure(
      applyIstioChanges(
        cluster.deps,
        request([
          change(dr("reviews", ["v1", "v3"])),
          change(vs("reviews", ["v1", "v3"])),
          change(vs("ratings", ["v1", "v2"])),
        ]),
      ),
    );
    expect(error.message).toMatch(
      /VirtualService bookinfo\/reviews failed \(webhook timed out\); the changes already made were put back/,
    );
    expect(cluster.get("DestinationRule", "reviews")?.spec).toEqual(dr("reviews", ["v1"]).spec);
    expect(cluster.get("VirtualService", "ratings")?.spec).toEqual(vs("ratings", ["v1"]).spec);
    expect(cluster.entries.map((e) => [e.id, e.action, e.kind, e.name, e.status])).toEqual([
      ["audit-1", "update", "DestinationRule", "reviews", "applied"],
      ["audit-2", "update", "VirtualService", "reviews", "failed"],
      ["audit-3", "update", "VirtualService", "ratings", "failed"],
      ["audit-4", "update", "DestinationRule", "reviews", "applied"],
    ]);
    expect(cluster.entries[1]?.error).toBe("webhook timed out");
    expect(cluster.entries[2]?.error).toBe("not attempted: VirtualService bookinfo/reviews failed first");
    const restore = cluster.entries[3];
    expect(restore?.comment).toBe(
      "Puts back the change of audit entry audit-1 after VirtualService bookinfo/reviews failed (webhook timed out)",
    );
    expect(restore).toMatchObject({
      before: { spec: dr("reviews", ["v1", "v3"]).spec },
      after: { spec: dr("reviews", ["v1"]).spec },
      source: "wizard",
      clusterId: "uid-of-kube-system",
    });
    // The restore's intent is on record before the restore reaches the cluster.
    expect(cluster.log.slice(-3)).toEqual([
      "intent audit-4 update DestinationRule/reviews",
      "update DestinationRule/reviews rv=105",
      "applied audit-4 rv=105",
    ]);
  });

  it("does not put back a change when the database cannot record the restore, and says what is left", async () => {
    const cluster = fakeCluster([dr("reviews", ["v1"]), vs("reviews", ["v1"])], {
      failOn: "VirtualService/reviews",
      dbRefusesIntent: 3,
    });
    const error = await failure(
      applyIstioChanges(
        cluster.deps,
        request([change(dr("reviews", ["v1", "v3"])), change(vs("reviews", ["v1", "v3"]))]),
      ),
    );
    expect(error.message).toContain(
      "could not put back: DestinationRule bookinfo/reviews (not attempted: the audit log could not record the restore)",
    );
    expect(cluster.writes).toEqual(["update DestinationRule/reviews"]);
    expect(cluster.entries.map((e) => [e.kind, e.status])).toEqual([
      ["DestinationRule", "applied"],
      ["VirtualService", "failed"],
    ]);
  });

  it("audits the restore of a create as a delete", async () => {
    const cluster = fakeCluster([], { failOn: "VirtualService/reviews" });
    await failure(
      applyIstioChanges(cluster.deps, request([change(dr("reviews", ["v1"])), change(vs("reviews", ["v1"]))])),
    );
    expect(cluster.get("DestinationRule", "reviews")).toBeUndefined();
    expect(cluster.entries.map((e) => [e.action, e.kind, e.status])).toEqual([
      ["create", "DestinationRule", "applied"],
      ["create", "VirtualService", "failed"],
      ["delete", "DestinationRule", "applied"],
    ]);
    expect(cluster.entries[2]).toMatchObject({ after: null, resourceVersion: null });
  });

  it("refuses the whole set when an object changed since the user started, and writes nothing", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const error = await failure(applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v3"]), "1")])));
    expect(error.code).toBe("conflict");
    expect(error.details?.conflicts).toHaveLength(1);
    expect(cluster.writes).toEqual([]);
    expect(cluster.entries).toEqual([]);
  });

  it("refuses finalizers and owner references the live object does not have, saying why, and writes nothing", async () => {
    const live = vs("reviews", ["v1"]);
    live.metadata.finalizers = ["kept.example.com/on-live"];
    const cluster = fakeCluster([live]);
    const base = cluster.get("VirtualService", "reviews")?.metadata.resourceVersion;
    const desired = vs("reviews", ["v2"]);
    desired.metadata.finalizers = ["kept.example.com/on-live", "example.com/block-delete"];
    desired.metadata.ownerReferences = [{ apiVersion: "apps/v1", kind: "Deployment", name: "reviews-v2", uid: "u-1" }];
    const refused = applyIstioChanges(cluster.deps, {
      changes: [change(desired, base)],
      actor: "alice",
      source: "editor",
    });
    await expect(refused).rejects.toMatchObject({ code: "bad_request" });
    await expect(refused).rejects.toThrow(
      'VirtualService bookinfo/reviews: metadata.finalizers adds "example.com/block-delete" — finalizers keep an object from being deleted',
    );
    await expect(refused).rejects.toThrow(
      "metadata.ownerReferences adds Deployment reviews-v2 — an owner makes the garbage collector delete this object with it",
    );
    expect(cluster.writes).toEqual([]);
    expect(cluster.entries).toEqual([]);

    // What was read from the live object may stay.
    const kept = vs("reviews", ["v2"]);
    kept.metadata.finalizers = ["kept.example.com/on-live"];
    await applyIstioChanges(cluster.deps, { changes: [change(kept, base)], actor: "alice", source: "editor" });
    expect(cluster.writes).toEqual(["update VirtualService/reviews"]);
  });

  it("refuses to create an object the user saw absent (base null) once someone else created it", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const error = await failure(applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v3"]), null)])));
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("created by someone else");
    expect(error.details?.conflicts).toEqual([
      expect.objectContaining({
        kind: "VirtualService",
        name: "reviews",
        live: expect.objectContaining({ spec: vs("reviews", ["v1"]).spec }),
      }),
    ]);
    expect(cluster.writes).toEqual([]);
  });

  it("sends the base resourceVersion, so a change made between the check and the write is the API server's 409, reported as a conflict with the live object", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])], { raceOn: "reviews" });
    const base = cluster.get("VirtualService", "reviews")?.metadata.resourceVersion;
    const error = await failure(applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v1", "v3"]), base)])));
    expect(error.code).toBe("conflict");
    expect(error.httpStatus).toBe(409);
    expect(error.details?.conflicts).toEqual([
      expect.objectContaining({
        kind: "VirtualService",
        namespace: "bookinfo",
        name: "reviews",
        live: expect.objectContaining({ spec: expect.objectContaining({ changedBy: "kubectl" }) }),
      }),
    ]);
    expect(cluster.get("VirtualService", "reviews")?.spec).toMatchObject({ changedBy: "kubectl" });
    expect(cluster.entries.map((e) => e.status)).toEqual(["failed"]);
  });

  it("refuses invalid config with its findings, before any intent or write", async () => {
    const cluster = fakeCluster([], { invalid: "bad" });
    const error = await failure(
      applyIstioChanges(cluster.deps, request([change(dr("ratings", ["v1"])), change(vs("bad", ["v4"]))])),
    );
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain("KIA1107");
    expect(cluster.writes).toEqual([]);
    expect(cluster.entries).toEqual([]);
  });

  describe("a route that sends traffic nowhere", () => {
    it("is refused without the user's confirmation, naming subset and service, before any intent or write", async () => {
      const cluster = fakeCluster([], { routesNowhere: "reviews" });
      const error = await failure(applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v9"]))])));
      expect(error.code).toBe("confirmation_required");
      expect(error.message).toContain("subset v9 of reviews (bookinfo) is not defined in any DestinationRule");
      expect(error.details?.routeRisks).toEqual([expect.objectContaining({ kind: "missing-subset", subset: "v9" })]);
      expect(cluster.writes).toEqual([]);
      expect(cluster.entries).toEqual([]);
    });

    it("is applied when the request confirms that kind of risk", async () => {
      const cluster = fakeCluster([], { routesNowhere: "reviews" });
      await applyIstioChanges(cluster.deps, {
        ...request([change(vs("reviews", ["v9"]))]),
        confirm: ["missing-subset"],
      });
      expect(cluster.writes).toEqual(["create VirtualService/reviews"]);
    });

    it("is not covered by confirming another kind of risk", async () => {
      const cluster = fakeCluster([], { routesNowhere: "reviews" });
      const error = await failure(
        applyIstioChanges(cluster.deps, {
          ...request([change(vs("reviews", ["v9"]))]),
          confirm: ["subset-without-pods"],
        }),
      );
      expect(error.code).toBe("confirmation_required");
      expect(cluster.writes).toEqual([]);
    });

    it("is asked about only once nothing else refuses the change: no confirmation could fix an invalid one", async () => {
      const cluster = fakeCluster([], { routesNowhere: "reviews", invalid: "reviews" });
      const error = await failure(applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v9"]))])));
      expect(error.code).toBe("bad_request");
    });

    it("does not stop an experiment's runner, which has no one to ask", async () => {
      const cluster = fakeCluster([], { routesNowhere: "reviews" });
      await applyIstioChanges(cluster.deps, { ...request([change(vs("reviews", ["v9"]))]), source: "experiment" });
      expect(cluster.writes).toEqual(["create VirtualService/reviews"]);
    });

    it("is named by the preview, so the user can confirm it before applying", async () => {
      const cluster = fakeCluster([], { routesNowhere: "reviews" });
      const preview = await previewIstioChanges(cluster.deps, request([change(vs("reviews", ["v9"]))]));
      expect(preview.routeRisks.map((r) => r.message)).toEqual([
        "subset v9 of reviews (bookinfo) is not defined in any DestinationRule",
      ]);
    });
  });

  it("changes nothing, and records nothing, when the input equals what is live", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const outcomes = await applyIstioChanges(cluster.deps, request([change(vs("reviews", ["v1"]))]));
    expect(outcomes[0]?.action).toBe("unchanged");
    expect(cluster.writes).toEqual([]);
    expect(cluster.entries).toEqual([]);
  });

  it("deletes with a null desired object and audits the delete without a resourceVersion", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    await applyIstioChanges(
      cluster.deps,
      request([{ kind: "VirtualService", namespace: "bookinfo", name: "reviews", desired: null }]),
    );
    expect(cluster.writes).toEqual(["delete VirtualService/reviews"]);
    expect(cluster.entries[0]).toMatchObject({
      action: "delete",
      status: "applied",
      after: null,
      resourceVersion: null,
    });
  });

  it("records a rollback as action rollback", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    await applyIstioChanges(cluster.deps, { ...request([change(vs("reviews", ["v2"]))]), source: "rollback" });
    expect(cluster.entries[0]).toMatchObject({ action: "rollback", source: "rollback", status: "applied" });
  });
});

describe("previewIstioChanges", () => {
  it("shows each object's before and dry-run after without writing or recording anything", async () => {
    const cluster = fakeCluster([vs("reviews", ["v1"])]);
    const preview = await previewIstioChanges(cluster.deps, request([change(vs("reviews", ["v1", "v3"]))]));
    expect(preview.outcomes[0]).toMatchObject({
      action: "update",
      before: { spec: vs("reviews", ["v1"]).spec },
      after: { spec: vs("reviews", ["v1", "v3"]).spec },
    });
    expect(cluster.writes).toEqual([]);
    expect(cluster.entries).toEqual([]);
  });
});
