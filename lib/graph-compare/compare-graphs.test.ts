import { describe, expect, it } from "vitest";
import type { EdgeComparison, GraphComparison } from "@/lib/contracts/graph-compare";
import { compareGraphs } from "./compare-graphs";
import { app, edge, graph } from "./test-support/graphs";

const bookinfoNodes = [
  app("productpage", "v1"),
  app("reviews", "v1"),
  app("reviews", "v2"),
  app("reviews", "v3"),
  app("ratings", "v1"),
];

const find = (c: GraphComparison, source: string, target: string): EdgeComparison => {
  const found = c.edges.find((e) => e.source.id === source && e.target.id === target);
  if (!found) throw new Error(`no edge ${source} → ${target} in the comparison`);
  return found;
};

describe("comparing two windows of a graph", () => {
  // Round robin before; a VirtualService sends 80 % to v1 and 20 % to v2 after.
  const before = graph(1_000, bookinfoNodes, [
    edge("productpage-v1", "reviews-v1", { rate: 4, share: 33.3, p95: 20 }),
    edge("productpage-v1", "reviews-v2", { rate: 4, share: 33.3, p95: 30 }),
    edge("productpage-v1", "reviews-v3", { rate: 4, share: 33.3, p95: 30 }),
    edge("reviews-v2", "ratings-v1", { rate: 4, share: 100 }),
    edge("reviews-v3", "ratings-v1", { rate: 4, share: 100 }),
  ]);
  const after = graph(
    1_300,
    bookinfoNodes.filter((n) => n.data.id !== "reviews-v3"),
    [
      edge("productpage-v1", "reviews-v1", { rate: 9.6, share: 80, p95: 21 }),
      edge("productpage-v1", "reviews-v2", { rate: 2.4, share: 20, p95: 31 }),
      edge("reviews-v2", "ratings-v1", { rate: 2.4, share: 100 }),
    ],
  );
  const shift = compareGraphs(before, after);

  it("reports the reviews 80/20 shift as changed shares and rates, with their deltas", () => {
    const v1 = find(shift, "productpage-v1", "reviews-v1");
    expect(v1.status).toBe("changed");
    expect(v1.delta).toMatchObject({ rate: 5.6, ratePct: 140, percentReqOfService: 46.7 });
    expect(v1.findings.map((f) => f.text)).toEqual([
      "rate 4.00 req/s → 9.60 req/s (+140%)",
      "traffic % of service 33.3% → 80.0% (+46.7 points)",
    ]);
    const v2 = find(shift, "productpage-v1", "reviews-v2");
    expect(v2.status).toBe("changed");
    expect(v2.delta.percentReqOfService).toBe(-13.3);
  });

  it("lists the edges that vanished, with what they carried, and the node that went with them", () => {
    const v3 = find(shift, "productpage-v1", "reviews-v3");
    expect(v3.status).toBe("vanished");
    expect(v3.after).toBeUndefined();
    expect(v3.delta.rate).toBe(-4);
    expect(v3.findings).toEqual([{ kind: "vanished", tone: "shift", text: "vanished: was 4.00 req/s" }]);
    expect(find(shift, "reviews-v3", "ratings-v1").status).toBe("vanished");
    expect(shift.nodes.vanished).toEqual([{ id: "reviews-v3", name: "reviews v3", namespace: "bookinfo" }]);
    expect(shift.summary).toEqual({ new: 0, vanished: 2, changed: 3, unchanged: 0 });
  });

  it("names both windows' ends and the thresholds it judged by", () => {
    expect(shift).toMatchObject({ before: 1_000, after: 1_300, duration: 300, graphType: "versionedApp" });
    expect(shift.thresholds.sharePoints).toBe(10);
  });

  it("lists new and vanished edges first, then changed ones, the largest moves first", () => {
    expect(shift.edges.map((e) => `${e.status} ${e.source.name} → ${e.target.name}`)).toEqual([
      "vanished productpage v1 → reviews v3",
      "vanished reviews v3 → ratings v1",
      "changed productpage v1 → reviews v1",
      "changed productpage v1 → reviews v2",
      "changed reviews v2 → ratings v1",
    ]);
  });

  it("reports a new edge and its new node", () => {
    const c = compareGraphs(
      graph(1, [app("productpage", "v1")], []),
      graph(2, [app("productpage", "v1"), app("details", "v1")], [edge("productpage-v1", "details-v1", { rate: 3 })]),
    );
    expect(c.edges).toHaveLength(1);
    expect(c.edges[0]).toMatchObject({ status: "new", delta: { rate: 3 }, newCodes: ["200"] });
    expect(c.edges[0]?.findings[0]?.text).toBe("new edge: 3.00 req/s");
    expect(c.nodes.new.map((n) => n.name)).toEqual(["details v1"]);
  });

  it("calls errors, new error codes and new flags worse, and says which", () => {
    const c = compareGraphs(
      graph(1, bookinfoNodes, [edge("reviews-v2", "ratings-v1", { rate: 4, errPct: 0 })]),
      graph(2, bookinfoNodes, [
        edge("reviews-v2", "ratings-v1", {
          rate: 4,
          errPct: 25,
          responses: { "200": { "-": 75 }, "503": { UO: 20, "-": 5 }, "201": { "-": 0.1 } },
        }),
      ]),
    );
    const e = c.edges[0] as EdgeComparison;
    expect(e.status).toBe("changed");
    expect(e.newCodes).toEqual(["201", "503"]);
    expect(e.newFlags).toEqual(["UO"]);
    expect(e.findings).toEqual([
      { kind: "errors", tone: "worse", text: "error rate 0.0% → 25.0% (+25.0 points)" },
      // 201 appeared too, but it is no error.
      { kind: "responseCodes", tone: "worse", text: "new error responses: 503" },
      { kind: "flags", tone: "worse", text: "new response flags: UO" },
    ]);
  });

  it("reports a p95 that doubled, and an error rate that fell as better", () => {
    const c = compareGraphs(
      graph(1, bookinfoNodes, [edge("productpage-v1", "reviews-v2", { rate: 4, errPct: 10, p95: 40 })]),
      graph(2, bookinfoNodes, [edge("productpage-v1", "reviews-v2", { rate: 4, errPct: 1, p95: 7_040 })]),
    );
    const e = c.edges[0] as EdgeComparison;
    expect(e.delta.responseTimeMs).toBe(7_000);
    expect(e.findings).toEqual([
      { kind: "errors", tone: "better", text: "error rate 10.0% → 1.0% (−9.0 points)" },
      { kind: "responseTime", tone: "worse", text: "p95 40 ms → 7.04 s" },
    ]);
  });

  it("reports a drop of the mTLS share", () => {
    const c = compareGraphs(
      graph(1, bookinfoNodes, [edge("productpage-v1", "reviews-v1", { rate: 4, mtls: 100 })]),
      graph(2, bookinfoNodes, [edge("productpage-v1", "reviews-v1", { rate: 4, mtls: 60 })]),
    );
    expect(c.edges[0]?.delta.mtlsPct).toBe(-40);
    expect(c.edges[0]?.findings).toEqual([{ kind: "mtls", tone: "worse", text: "mTLS 100.0% → 60.0%" }]);
  });

  it("keeps the ordinary wobble of live traffic, and moves on tiny edges, out of the changes", () => {
    const c = compareGraphs(
      graph(1, bookinfoNodes, [
        edge("productpage-v1", "reviews-v1", { rate: 10, share: 50, errPct: 0.5, p95: 20, mtls: 100 }),
        edge("productpage-v1", "reviews-v2", { rate: 0.02 }),
      ]),
      graph(2, bookinfoNodes, [
        edge("productpage-v1", "reviews-v1", { rate: 11, share: 52, errPct: 1.5, p95: 28, mtls: 100 }),
        edge("productpage-v1", "reviews-v2", { rate: 0.06 }),
      ]),
    );
    expect(c.edges.map((e) => [e.status, e.findings])).toEqual([
      ["unchanged", []],
      ["unchanged", []],
    ]);
    expect(c.summary).toEqual({ new: 0, vanished: 0, changed: 0, unchanged: 2 });
  });

  it("compares TCP edges by bytes, without response codes", () => {
    const c = compareGraphs(
      graph(1, bookinfoNodes, [edge("ratings-v1", "reviews-v1", { rate: 1_000, protocol: "tcp" })]),
      graph(2, bookinfoNodes, [edge("ratings-v1", "reviews-v1", { rate: 4_096, protocol: "tcp" })]),
    );
    expect(c.edges[0]?.after?.codes).toEqual([]);
    expect(c.edges[0]?.findings[0]?.text).toBe("rate 1000 B/s → 4.0 KiB/s (+310%)");
  });
});
