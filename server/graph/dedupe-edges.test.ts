import { describe, expect, it } from "vitest";
import { dedupeEdgeFigures, dedupeTrafficRows } from "./dedupe-edges";
import { row, rt } from "./test-support/rows";

const total = (rows: { rate: number }[]) => rows.reduce((n, r) => n + r.rate, 0);

describe("de-duplicating what both proxies reported", () => {
  it("counts a request seen by client and server once, from the server's report", () => {
    const kept = dedupeTrafficRows([
      row("productpage-v1", "reviews-v1", { reporter: "source", rate: 10, security: "unknown" }),
      row("productpage-v1", "reviews-v1", { rate: 10 }),
    ]);
    expect(total(kept)).toBe(10);
    expect(kept.every((r) => r.reporter === "destination")).toBe(true);
  });

  it("keeps the client's fault aborts, overflows and timeouts, which the server never saw", () => {
    const kept = dedupeTrafficRows([
      row("productpage-v1", "reviews-v1", { reporter: "source", rate: 8 }),
      row("productpage-v1", "reviews-v1", { reporter: "source", rate: 1, code: "503", flags: "UO" }),
      row("productpage-v1", "reviews-v1", { reporter: "source", rate: 1, code: "504", flags: "UT,URX" }),
      row("productpage-v1", "reviews-v1", { rate: 8 }),
    ]);
    expect(total(kept)).toBe(10);
    expect(kept.map((r) => r.flags).sort()).toEqual(["-", "UO", "UT,URX"]);
  });

  it("uses the client's report when no server reported the edge (out of the namespaces, no sidecar, unreached)", () => {
    const kept = dedupeTrafficRows([
      row("productpage-v1", "unknown", { reporter: "source", rate: 2, code: "503", flags: "UH", service: "reviews" }),
    ]);
    expect(total(kept)).toBe(2);
  });

  it("drops identical rows returned by two namespaces' queries", () => {
    const r = row("productpage-v1", "unknown", {
      reporter: "source",
      rate: 2,
      flags: "NR",
      code: "404",
      service: "reviews",
    });
    expect(dedupeTrafficRows([r, { ...r }])).toHaveLength(1);
  });

  it("shows the client proxy's response time where it saw more (a delay injected at the client's sidecar), and skips empty windows (NaN)", () => {
    const kept = dedupeEdgeFigures(
      [
        rt("reviews-v2", "ratings-v1", 7004, "source"),
        rt("reviews-v2", "ratings-v1", 7),
        rt("productpage-v1", "details-v1", 12, "source"),
        rt("productpage-v1", "details-v1", 15),
        rt("productpage-v1", "reviews-v1", Number.NaN),
      ],
      "larger",
    );
    expect(kept.map((r) => r.value)).toEqual([7004, 15]);
  });

  it("keeps the server's throughput when both proxies reported the edge", () => {
    const kept = dedupeEdgeFigures(
      [rt("productpage-v1", "reviews-v1", 300, "source"), rt("productpage-v1", "reviews-v1", 200)],
      "destination",
    );
    expect(kept.map((r) => r.value)).toEqual([200]);
  });
});
