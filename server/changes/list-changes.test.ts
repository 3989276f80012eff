import { describe, expect, it } from "vitest";
import type { ChangesQuery } from "@/lib/contracts/changes";
import type { AuditEntry, AuditEntryFilter } from "@/server/adapters/db/audit-entries";
import { listChanges, readLimit, type ListChangesDeps } from "./list-changes";

const at = (iso: string) => new Date(iso);

function entry(id: string, fields: Partial<AuditEntry>): AuditEntry {
  return {
    id,
    createdAt: at("2026-03-01T14:10:00Z"),
    actor: "kubectl (external)",
    actorGroups: [],
    action: "update",
    kind: "VirtualService",
    namespace: "bookinfo",
    name: "reviews",
    before: { kind: "VirtualService", metadata: { name: "reviews" }, spec: { hosts: ["reviews"] } },
    after: { kind: "VirtualService", metadata: { name: "reviews" }, spec: { hosts: ["reviews"], http: [] } },
    comment: null,
    source: "external",
    status: "applied",
    error: null,
    resourceVersion: "12",
    clusterId: "cluster-a",
    kubeContext: "sim",
    ...fields,
  };
}

const ratingsVs = entry("e-ratings", {
  name: "ratings",
  before: null,
  after: { kind: "VirtualService", spec: { hosts: ["ratings"] } },
  action: "create",
});

function depsWith(entries: AuditEntry[], filters: AuditEntryFilter[] = []): ListChangesDeps {
  return {
    listEntries: async (filter) => {
      filters.push(filter);
      return entries;
    },
    loadRegistry: async () => ({
      domain: "cluster.local",
      rootNamespace: "istio-system",
      services: [{ namespace: "bookinfo", name: "reviews", selector: { app: "reviews" }, ports: [] }],
      workloads: [
        { kind: "Pod", namespace: "bookinfo", name: "reviews-v1", labels: { app: "reviews" }, serviceAccount: "x" },
      ],
    }),
    clusterId: async () => "cluster-a",
    canSee: async () => true,
  };
}

const window = { from: at("2026-03-01T14:00:00Z"), to: at("2026-03-01T14:30:00Z") };
const forReviews: ChangesQuery = { ...window, target: { kind: "service", name: "reviews" } };

describe("listChanges", () => {
  it("lists the window's applied changes of the namespace and the root namespace that touch the service, with why", async () => {
    const filters: AuditEntryFilter[] = [];
    const list = await listChanges(depsWith([entry("e-reviews", {}), ratingsVs], filters), "bookinfo", forReviews);
    expect(list.changes.map((c) => [c.id, c.reasons])).toEqual([
      ["e-reviews", ["routes requests for reviews (bookinfo)"]],
    ]);
    expect(list.changes[0]).toMatchObject({ actor: "kubectl (external)", source: "external", hasBefore: true });
    expect(filters).toEqual([
      {
        namespaceIn: ["bookinfo", "istio-system"],
        status: "applied",
        since: window.from,
        until: window.to,
        limit: readLimit,
      },
    ]);
    expect(list).toMatchObject({ from: "2026-03-01T14:00:00.000Z", to: "2026-03-01T14:30:00.000Z", truncated: false });
  });

  it("without a target lists every change of the namespace only", async () => {
    const filters: AuditEntryFilter[] = [];
    const list = await listChanges(depsWith([entry("e-reviews", {}), ratingsVs], filters), "bookinfo", {
      ...window,
      target: null,
    });
    expect(list.changes.map((c) => c.id)).toEqual(["e-reviews", "e-ratings"]);
    expect(filters[0]?.namespaceIn).toEqual(["bookinfo"]);
  });

  it("leaves out another cluster's entries and keeps those recorded before clusters were", async () => {
    const list = await listChanges(
      depsWith([entry("here", {}), entry("there", { clusterId: "cluster-b" }), entry("old", { clusterId: null })]),
      "bookinfo",
      forReviews,
    );
    expect(list.changes.map((c) => c.id)).toEqual(["here", "old"]);
  });

  it("does not read the root namespace's entries for a viewer who may not see it", async () => {
    const filters: AuditEntryFilter[] = [];
    const deps = { ...depsWith([], filters), canSee: async (ns: string) => ns !== "istio-system" };
    await listChanges(deps, "bookinfo", forReviews);
    expect(filters[0]?.namespaceIn).toEqual(["bookinfo"]);
  });

  it("says truncated when the window holds more entries than one read", async () => {
    const many = Array.from({ length: readLimit }, (_, i) => entry(`e${i}`, {}));
    expect((await listChanges(depsWith(many), "bookinfo", forReviews)).truncated).toBe(true);
  });

  it("answers 404 for a service the namespace does not have", async () => {
    await expect(
      listChanges(depsWith([]), "bookinfo", { ...window, target: { kind: "service", name: "nope" } }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
