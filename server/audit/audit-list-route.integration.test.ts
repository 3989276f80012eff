/**
 * GET /api/audit called as Next.js calls it, on each supported database found through DATABASE_URL as the console
 * finds it: the top bar's namespaces filter in the database, and the cursor walks a log longer than any page — past
 * 100 entries — without repeating or skipping one, even while new entries arrive.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/audit/route";
import { auditListSchema, type AuditList } from "@/lib/contracts/audit";
import { recordAuditEntry } from "@/server/adapters/db/audit-entries";
import { disconnectDb, getDb } from "@/server/adapters/db/client";
import { applyPendingMigrations } from "@/server/adapters/db/migrate";
import { stopTestDatabases, testDatabases } from "@/server/adapters/db/test-support/test-databases";

const savedUrl = process.env.DATABASE_URL;

afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await stopTestDatabases();
});

async function list(query: string): Promise<{ status: number; body: unknown }> {
  const response = await listRoute(new Request(`http://console/api/audit?${query}`));
  return { status: response.status, body: await response.json() };
}

async function page(query: string): Promise<AuditList> {
  const answer = await list(query);
  expect(answer.status).toBe(200);
  return auditListSchema.parse(answer.body);
}

/** Every page of `query`, following each answer's cursor; `between` runs after the first page. */
async function walk(query: string, between?: () => Promise<void>): Promise<AuditList[]> {
  const pages = [await page(query)];
  await between?.();
  for (let next = pages[0]?.nextCursor; next; next = pages.at(-1)?.nextCursor) {
    pages.push(await page(`${query}&cursor=${encodeURIComponent(next)}`));
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
}

describe.each(testDatabases)("the audit list on $provider", ({ create }) => {
  const bookinfo: string[] = [];

  beforeAll(async () => {
    const url = await create();
    await applyPendingMigrations(url);
    process.env.DATABASE_URL = url;
    const db = getDb(url);
    // 130 bookinfo entries among 40 of shop; every three share a millisecond, so ids break the ties.
    for (let i = 0; i < 170; i++) {
      const namespace = i % 17 < 4 ? "shop" : "bookinfo";
      const entry = await recordAuditEntry(db, {
        actor: "alice",
        action: "update",
        kind: "VirtualService",
        namespace,
        name: `route-${i}`,
        before: { spec: { n: i } },
        after: { spec: { n: i + 1 } },
        source: "editor",
        createdAt: new Date(Date.UTC(2026, 11, 1, 10, 0, 0, Math.floor(i / 3))),
      });
      if (namespace === "bookinfo") bookinfo.unshift(entry.id);
    }
    expect(bookinfo).toHaveLength(130);
  });

  afterAll(disconnectDb);

  it("lists only the selected namespace's entries, and pages past 100 to the oldest, each entry once", async () => {
    const pages = await walk("namespaces=bookinfo&limit=50");
    expect(pages.map((p) => p.entries.length)).toEqual([50, 50, 30]);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const entries = pages.flatMap((p) => p.entries);
    expect(new Set(entries.map((e) => e.namespace))).toEqual(new Set(["bookinfo"]));
    // Newest first across the pages, exactly as recorded.
    expect(entries.map((e) => e.id)).toEqual(bookinfo);
  });

  it("lists every namespace when none is selected", async () => {
    const pages = await walk("limit=100");
    expect(pages.map((p) => p.entries.length)).toEqual([100, 70]);
    expect(new Set(pages.flatMap((p) => p.entries.map((e) => e.namespace)))).toEqual(new Set(["bookinfo", "shop"]));
  });

  it("neither repeats nor skips an entry when a change is recorded while the user pages", async () => {
    const pages = await walk("namespaces=bookinfo&limit=60", async () => {
      await recordAuditEntry(getDb(), {
        actor: "bob",
        action: "update",
        kind: "VirtualService",
        namespace: "bookinfo",
        name: "arrived-meanwhile",
        source: "wizard",
      });
    });
    const ids = pages.flatMap((p) => p.entries.map((e) => e.id));
    expect(ids).toEqual(bookinfo);
    // The new entry is at the top of the first page when it is read again.
    expect((await page("namespaces=bookinfo&limit=1")).entries[0]?.name).toBe("arrived-meanwhile");
  });

  it("refuses a page size out of bounds and a cursor it did not make, naming the parameter", async () => {
    for (const query of ["limit=0", "limit=1001", "cursor=page-2", "namespaces=Bookinfo"]) {
      const answer = await list(query);
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(answer.body), query).toContain(query.split("=")[0]);
    }
  });
});
