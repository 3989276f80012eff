import { describe, expect, it } from "vitest";
import { DbError } from "@/server/errors";
import { type AuditEntriesDb, listAuditEntries } from "./audit-entries";
import type { AuditEntry as AuditEntryRow } from "./generated/client";

const row: AuditEntryRow = {
  id: "c1",
  createdAt: new Date("2026-11-21T10:00:00Z"),
  actor: "alice",
  actorGroups: null,
  action: "update",
  kind: "VirtualService",
  namespace: "bookinfo",
  name: "reviews",
  before: null,
  after: { kind: "VirtualService" },
  comment: null,
  source: "editor",
  status: "applied",
  error: null,
  resourceVersion: null,
  clusterId: null,
  kubeContext: null,
};

function fakeDb(rows: AuditEntryRow[], seen: unknown[] = []): AuditEntriesDb {
  const auditEntry = {
    findMany: async (args: unknown) => {
      seen.push(args);
      return rows;
    },
  };
  return { auditEntry } as unknown as AuditEntriesDb;
}

describe("listAuditEntries", () => {
  it("returns the stored JSON objects", async () => {
    const [entry] = await listAuditEntries(fakeDb([row]));
    expect(entry?.before).toBeNull();
    expect(entry?.after).toEqual({ kind: "VirtualService" });
  });

  it("caps the page size at 1000", async () => {
    const seen: unknown[] = [];
    await listAuditEntries(fakeDb([], seen), { limit: 50_000 });
    expect(seen[0]).toMatchObject({ take: 1000 });
  });

  it("fails with a DbError on a row with an unknown action", async () => {
    await expect(listAuditEntries(fakeDb([{ ...row, action: "patch" }]))).rejects.toThrow(DbError);
    await expect(listAuditEntries(fakeDb([{ ...row, action: "patch" }]))).rejects.toThrow(/unknown action "patch"/);
  });

  it("fails with a DbError on a stored value that is not a JSON object", async () => {
    // A string is what the json_columns migration keeps of text that was not JSON.
    await expect(listAuditEntries(fakeDb([{ ...row, before: "{oops" }]))).rejects.toThrow(DbError);
    await expect(listAuditEntries(fakeDb([{ ...row, after: [1, 2] }]))).rejects.toThrow(/"after" is not a JSON object/);
  });
});
