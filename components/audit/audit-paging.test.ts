import { describe, expect, it } from "vitest";
import { firstIndexOf, newerPage, newestPage, olderPage, pagingAt } from "./audit-paging";

describe("paging through the audit list", () => {
  it("goes older page by page and back, saying where each page starts", () => {
    const second = olderPage(newestPage, "c50");
    const third = olderPage(second, "c100");
    expect(third.cursor).toBe("c100");
    expect([newestPage, second, third].map((p) => firstIndexOf(p, 50))).toEqual([0, 50, 100]);
    expect(newerPage(third)).toEqual(second);
    expect(newerPage(newerPage(third))).toEqual(newestPage);
  });

  it("opened from a link on an older page, goes back to the newest entries and does not claim a position", () => {
    const linked = pagingAt("c100");
    expect(firstIndexOf(linked, 50)).toBeUndefined();
    expect(firstIndexOf(olderPage(linked, "c150"), 50)).toBeUndefined();
    expect(newerPage(linked)).toEqual(newestPage);
    expect(pagingAt(undefined)).toEqual(newestPage);
  });
});
