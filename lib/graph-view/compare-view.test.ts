import { describe, expect, it } from "vitest";
import { compareGraphs } from "@/lib/graph-compare/compare-graphs";
import { app, box, edge, graph } from "@/lib/graph-compare/test-support/graphs";
import { toCompareViewGraph } from "./compare-view";

// reviews shifts to v1 and v3 goes quiet; ratings (in its own box) is no longer called; details is new.
const before = graph(
  1,
  [
    box("reviews"),
    app("productpage", "v1"),
    app("reviews", "v1", "box-reviews"),
    app("reviews", "v3", "box-reviews"),
    box("ratings"),
    app("ratings", "v1", "box-ratings"),
  ],
  [
    edge("productpage-v1", "reviews-v1", { rate: 4, share: 50 }),
    edge("productpage-v1", "reviews-v3", { rate: 4, share: 50 }),
    edge("reviews-v3", "ratings-v1", { rate: 4, share: 100 }),
  ],
);
const after = graph(
  2,
  [box("reviews"), app("productpage", "v1"), app("reviews", "v1", "box-reviews"), app("details", "v1")],
  [
    edge("productpage-v1", "reviews-v1", {
      rate: 8,
      share: 100,
      errPct: 5,
      responses: { "200": { "-": 95 }, "503": { UO: 5 } },
    }),
    edge("productpage-v1", "details-v1", { rate: 8 }),
  ],
);
const view = toCompareViewGraph(compareGraphs(before, after), { before, after });
const edgeOf = (id: string) => view.edges.find((e) => e.id === id);

describe("the graph's Compare mode", () => {
  it("draws the after graph with each changed edge marked by its delta", () => {
    expect(edgeOf("productpage-v1>reviews-v1")?.compare).toEqual({
      status: "changed",
      tone: "worse",
      label: "+4.00 rps · +50.0 pts · err +5.0% · UO",
    });
    expect(edgeOf("productpage-v1>details-v1")?.compare).toEqual({
      status: "new",
      tone: "shift",
      label: "new · 8.00 rps",
    });
  });

  it("adds what vanished from the before graph, marked, with the box it sat in", () => {
    expect(edgeOf("productpage-v1>reviews-v3")?.compare).toMatchObject({
      status: "vanished",
      label: "gone · was 4.00 rps",
    });
    expect(edgeOf("reviews-v3>ratings-v1")?.compare?.status).toBe("vanished");
    expect(view.nodeById.get("reviews-v3")?.compare?.status).toBe("vanished");
    expect(view.nodeById.get("ratings-v1")?.compare?.status).toBe("vanished");
    expect(view.nodeById.has("box-ratings")).toBe(true);
    expect(view.nodes.filter((n) => n.id === "box-reviews")).toHaveLength(1);
    expect(view.nodeById.get("details-v1")?.compare?.status).toBe("new");
    // Every edge's ends are drawn.
    for (const e of view.edges)
      expect([view.nodeById.has(e.source), view.nodeById.has(e.target)]).toEqual([true, true]);
  });
});
