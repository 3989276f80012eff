import { describe, expect, it } from "vitest";
import { auditListQuerySchema, formatAuditCursor } from "./audit";

describe("the audit list's query", () => {
  it("pages by the cursor the previous page answered, to the same entry", () => {
    const cursor = formatAuditCursor({ at: new Date("2026-12-01T10:00:00.123Z"), id: "cmx9t_a-1" });
    expect(auditListQuerySchema.parse({ cursor }).cursor).toEqual({
      at: new Date("2026-12-01T10:00:00.123Z"),
      id: "cmx9t_a-1",
    });
  });

  it("refuses a cursor it did not make, in words", () => {
    const parsed = auditListQuerySchema.safeParse({ cursor: "page-2" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe(
      '"page-2" is not a cursor of the audit list (use the list\'s nextCursor)',
    );
  });

  it("holds 50 entries a page unless asked, and between 1 and 1000", () => {
    expect(auditListQuerySchema.parse({}).limit).toBe(50);
    expect(auditListQuerySchema.parse({ limit: "250" }).limit).toBe(250);
    for (const limit of ["0", "1001", "ten", "2.5"])
      expect(auditListQuerySchema.safeParse({ limit }).success).toBe(false);
  });

  it("takes the top bar's namespaces as a list, and none as every namespace", () => {
    expect(auditListQuerySchema.parse({ namespaces: "bookinfo, shop,bookinfo" }).namespaces).toEqual([
      "bookinfo",
      "shop",
    ]);
    expect(auditListQuerySchema.parse({ namespaces: "" }).namespaces).toBeUndefined();
    expect(auditListQuerySchema.parse({}).namespaces).toBeUndefined();
    expect(auditListQuerySchema.safeParse({ namespaces: "../etc" }).success).toBe(false);
  });
});
