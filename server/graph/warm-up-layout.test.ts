/**
 * The warm-up has to run ELK down the path the page's graphs take (namespace boxes around
 * versioned app boxes, calls across namespaces), or it warms code the real layouts do not
 * run. Its speed-up is a figure, printed by bench/graph-first-paint.bench.ts.
 */
import { describe, expect, it } from "vitest";
import { namespaceBoxId } from "@/lib/graph-view/boxes";
import { layoutGraph } from "@/lib/graph-view/layout";
import { madeUpMesh, warmUpLayout, warmUpSizes } from "./warm-up-layout";

describe("the layout warm-up's made-up mesh", () => {
  const { nodes, edges } = madeUpMesh(20);

  it("is a multi-namespace graph of versioned apps whose calls all land on its nodes", () => {
    expect(new Set(nodes.map((n) => n.namespace))).toEqual(new Set(["shop", "payments", "data"]));
    expect(nodes.filter((n) => n.group === "app-1").map((n) => n.order)).toEqual(["v1", "v2"]);
    const ids = new Set(nodes.map((n) => n.id));
    expect(edges.length).toBeGreaterThan(nodes.length / 2);
    for (const e of edges) expect(ids.has(e.target) && ids.has(e.source)).toBe(true);
    // Some calls cross into the next namespace, as the page's multi-namespace graphs do.
    const namespaceOf = new Map(nodes.map((n) => [n.id, n.namespace]));
    expect(edges.some((e) => namespaceOf.get(e.source) !== namespaceOf.get(e.target))).toBe(true);
  });

  it("is laid out in namespace boxes holding app boxes, callers left of callees", async () => {
    const layout = await layoutGraph(nodes, edges);
    for (const namespace of ["shop", "payments", "data"])
      expect(layout.boxes.has(namespaceBoxId(namespace))).toBe(true);
    expect(layout.boxes.has("app-1")).toBe(true);
    for (const e of edges) {
      const from = layout.positions.get(e.source);
      const to = layout.positions.get(e.target);
      expect(from && to && from.x < to.x, `${e.source} → ${e.target}`).toBe(true);
    }
  });
});

describe("warmUpLayout", () => {
  it("grows from a small graph, so the longest pause it causes is ELK's first run", () => {
    expect(warmUpSizes[0]).toBeLessThanOrEqual(20);
    expect([...warmUpSizes].sort((a, b) => a - b)).toEqual(warmUpSizes);
  });

  it("lays out each size in turn", async () => {
    expect(await warmUpLayout([3, 6])).toMatchObject({ layouts: 2 });
  });
});
