import { describe, expect, it } from "vitest";
import { auditListQuerySchema } from "@/lib/contracts/audit";
import type { AuditEntriesDb } from "@/server/adapters/db/audit-entries";
import type { AuditEntry as AuditEntryRow } from "@/server/adapters/db/generated/client";
import { TopsailError } from "@/server/errors";
import { getAuditEntryDetail, groupByKinds, listAuditHistory } from "./audit-history";

const row: AuditEntryRow = {
  id: "c1",
  createdAt: new Date("2026-12-01T10:00:00Z"),
  actor: "alice",
  actorGroups: null,
  action: "update",
  kind: "Namespace",
  namespace: "bookinfo",
  name: "bookinfo",
  before: { "metadata.labels": { "istio-injection": "enabled" } },
  after: { "metadata.labels": { "istio-injection": "disabled" } },
  comment: "Sidecar injection disabled",
  source: "editor",
  status: "failed",
  error: "409 Conflict",
  resourceVersion: null,
  clusterId: null,
  kubeContext: null,
};

/** `before` or `after` in a where clause is only ever "is SQL NULL" (audit-entries.ts). */
type FindManyArgs = {
  where: { id?: { in: string[] }; before?: unknown; after?: unknown; AND?: unknown };
  select?: Record<string, boolean>;
  take?: number;
};

/** A database that answers with `rows` and remembers what it was asked. */
function fakeDb(rows: AuditEntryRow[]) {
  const calls: { findMany: FindManyArgs[]; findUnique: unknown[] } = { findMany: [], findUnique: [] };
  const auditEntry = {
    findMany: async (args: FindManyArgs) => {
      calls.findMany.push(args);
      const { id } = args.where;
      const nullColumns = (["before", "after"] as const).filter((column) => column in args.where);
      const matching = rows.filter(
        (r) => (id ? id.in.includes(r.id) : true) && nullColumns.every((column) => r[column] === null),
      );
      const select = args.select;
      const page = matching.slice(0, args.take ?? matching.length);
      return select
        ? page.map((r) => Object.fromEntries(Object.entries(r).filter(([column]) => select[column])))
        : page;
    },
    findUnique: async (args: { where: { id: string } }) => {
      calls.findUnique.push(args);
      return rows.find((r) => r.id === args.where.id) ?? null;
    },
  };
  return { db: { auditEntry } as unknown as AuditEntriesDb, calls };
}

/** A VirtualService with `routes` routes: 14 lines of YAML each. */
function virtualService(routes: number, weight: number) {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "bookinfo" },
    spec: {
      hosts: ["reviews"],
      http: Array.from({ length: routes }, (_, i) => ({
        name: `user-${i}`,
        match: [{ headers: { "x-user": { exact: `user-${i}` } } }],
        route: [
          { destination: { host: "reviews", subset: "v1" }, weight },
          { destination: { host: "reviews", subset: "v2" }, weight: 100 - weight },
        ],
      })),
    },
  };
}

describe("the audit history", () => {
  it("filters by actor, source and status in the database, with the page size the user asked for", async () => {
    const { db, calls } = fakeDb([row]);
    // As the route parses the query string.
    const list = await listAuditHistory(
      db,
      auditListQuerySchema.parse({ actor: "ALI", source: "editor", status: "failed", limit: "20" }),
    );
    expect(calls.findMany[0]).toMatchObject({
      where: { actor: { contains: "ALI" }, source: "editor", status: "failed" },
      // One more than the page, to know whether there is a next one.
      take: 21,
    });
    expect(list.entries).toEqual([expect.objectContaining({ id: "c1", status: "failed", error: "409 Conflict" })]);
  });

  it("lists summaries without asking the database for the objects, and says which entries have none", async () => {
    const created = { ...row, id: "c2", action: "create", before: null, status: "applied", error: null };
    const deleted = { ...row, id: "c3", action: "delete", after: null, status: "applied", error: null };
    const { db, calls } = fakeDb([row, created, deleted]);
    const list = await listAuditHistory(db, auditListQuerySchema.parse({}));
    expect(list.entries.map((e) => [e.id, e.action, e.hasBefore, e.hasAfter])).toEqual([
      ["c1", "update", true, true],
      ["c2", "create", false, true],
      ["c3", "delete", true, false],
    ]);
    // Every read selects its columns, and none selects an object.
    const objectsRead = calls.findMany.map((call) =>
      call.select
        ? Object.keys(call.select).filter((column) => column === "before" || column === "after")
        : "every column",
    );
    expect(objectsRead).toEqual(calls.findMany.map(() => []));
  });

  it("answers a page of the size asked for and the cursor of the next, older page", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({
      ...row,
      id: `e${5 - i}`,
      createdAt: new Date(Date.UTC(2026, 11, 1, 10, 5 - i)),
    }));
    const { db, calls } = fakeDb(rows);
    const first = await listAuditHistory(db, auditListQuerySchema.parse({ limit: "2" }));
    expect(first.entries.map((e) => e.id)).toEqual(["e5", "e4"]);
    // The last entry listed is where the next page starts.
    expect(first.nextCursor).toBe(`${Date.UTC(2026, 11, 1, 10, 4)}.e4`);
    expect(calls.findMany[0]?.where.AND).toBeUndefined();

    await listAuditHistory(db, auditListQuerySchema.parse({ limit: "2", cursor: first.nextCursor }));
    expect(calls.findMany.filter((call) => call.take !== undefined)[1]?.where.AND).toEqual([
      {
        OR: [
          { createdAt: { lt: new Date(Date.UTC(2026, 11, 1, 10, 4)) } },
          { createdAt: new Date(Date.UTC(2026, 11, 1, 10, 4)), id: { lt: "e4" } },
        ],
      },
    ]);
  });

  it("says there is no next page when the page holds the last entries that match", async () => {
    const { db } = fakeDb([row, { ...row, id: "c0" }]);
    expect((await listAuditHistory(db, auditListQuerySchema.parse({ limit: "2" }))).nextCursor).toBeNull();
    expect((await listAuditHistory(db, auditListQuerySchema.parse({}))).nextCursor).toBeNull();
  });

  it("lists only the selected namespaces, and of those only the kinds the viewer may see in each", async () => {
    const { db, calls } = fakeDb([]);
    const readable = [
      { namespaces: ["shop"], kinds: ["VirtualService"] },
      { namespaces: ["default", "bookinfo"], kinds: ["Gateway", "Namespace"] },
    ];
    await listAuditHistory(db, auditListQuerySchema.parse({ namespaces: "bookinfo,shop" }));
    await listAuditHistory(db, auditListQuerySchema.parse({ namespaces: "bookinfo,shop" }), readable);
    await listAuditHistory(db, auditListQuerySchema.parse({}), []);
    const pageReads = calls.findMany.filter((call) => call.take !== undefined);
    const shopVirtualServices = { namespace: { in: ["shop"] }, kind: { in: ["VirtualService"] } };
    const defaultGatewaysAndNamespace = {
      namespace: { in: ["default", "bookinfo"] },
      kind: { in: ["Gateway", "Namespace"] },
    };
    expect(pageReads.map((call) => call.where.AND)).toEqual([
      [{ namespace: { in: ["bookinfo", "shop"] } }],
      [{ namespace: { in: ["bookinfo", "shop"] } }, { OR: [shopVirtualServices, defaultGatewaysAndNamespace] }],
      // Nothing the viewer may see: no entry.
      [{ id: { in: [] } }],
    ]);
  });

  it("asks for what a viewer may see with one condition per set of kinds, not per namespace", () => {
    expect(
      groupByKinds([
        { namespace: "bookinfo", kind: "VirtualService" },
        { namespace: "bookinfo", kind: "DestinationRule" },
        { namespace: "shop", kind: "DestinationRule" },
        { namespace: "shop", kind: "VirtualService" },
        { namespace: "httpbin", kind: "Namespace" },
      ]),
    ).toEqual([
      { namespaces: ["bookinfo", "shop"], kinds: ["DestinationRule", "VirtualService"] },
      { namespaces: ["httpbin"], kinds: ["Namespace"] },
    ]);
    expect(groupByKinds([])).toEqual([]);
  });

  it("reads one entry by its id, and says so when there is none", async () => {
    const { db, calls } = fakeDb([row]);
    const detail = await getAuditEntryDetail(
      {
        db,
        readLive: async () => ({
          resourceVersion: "31",
          recorded: { "metadata.labels": { "istio-injection": "enabled", "istio.io/rev": null } },
        }),
      },
      "c1",
    );
    expect(calls.findUnique).toEqual([{ where: { id: "c1" } }]);
    expect(calls.findMany).toEqual([]);
    expect(detail.live).toEqual({
      resourceVersion: "31",
      yaml: "metadata.labels:\n  istio-injection: enabled\n  istio.io/rev: null\n",
    });
    expect(detail.afterYaml).toBe("metadata.labels:\n  istio-injection: disabled\n");

    const missing = await getAuditEntryDetail({ db, readLive: async () => undefined }, "nope").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TopsailError);
    expect((missing as TopsailError).code).toBe("not_found");
  });

  it("shows a 20,000-line object's versions whole, and says its diff is not computed because it is too large", async () => {
    const huge = {
      ...row,
      id: "h1",
      kind: "VirtualService",
      name: "reviews",
      before: virtualService(1500, 90),
      after: virtualService(1500, 50),
    };
    const { db } = fakeDb([huge]);
    const detail = await getAuditEntryDetail({ db, readLive: async () => undefined }, "h1");
    expect(detail.diff).toEqual([]);
    expect(detail.diffOmitted).toMatchObject({
      reason: "too_large",
      before: { lines: 21_009 },
      after: { lines: 21_009 },
    });
    expect(detail.diffOmitted?.message).toContain("too large");
    expect(detail.beforeYaml.split("\n")).toHaveLength(21_010);
    expect(detail.afterYaml).toContain("- name: user-1499");
  });
});
