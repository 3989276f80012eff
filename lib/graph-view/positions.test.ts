import { describe, expect, it } from "vitest";
import { layoutLayered, layoutSpacing, type LayoutEdge, type LayoutNode, type Point } from "./layout";
import { placeNodes } from "./positions";

const nodes: LayoutNode[] = [
  { id: "gw" },
  { id: "pp" },
  { id: "rv1", group: "rv" },
  { id: "rv2", group: "rv" },
  { id: "rt" },
];
const edges: LayoutEdge[] = [
  { source: "gw", target: "pp" },
  { source: "pp", target: "rv1" },
  { source: "pp", target: "rv2" },
  { source: "rv2", target: "rt" },
];

const overlaps = (a: Point, b: Point) =>
  Math.abs(a.x - b.x) < layoutSpacing.column / 2 && Math.abs(a.y - b.y) < layoutSpacing.row / 2;

describe("the layered layout", () => {
  it("puts callers left of callees, one column per hop", () => {
    const p = layoutLayered(nodes, edges);
    expect(p.get("gw")!.x).toBeLessThan(p.get("pp")!.x);
    expect(p.get("pp")!.x).toBeLessThan(p.get("rv1")!.x);
    expect(p.get("rv2")!.x).toBeLessThan(p.get("rt")!.x);
    expect(p.get("rv1")!.x).toBe(p.get("rv2")!.x);
  });

  it("survives cycles and self-loops", () => {
    const p = layoutLayered(
      [{ id: "a" }, { id: "b" }],
      [
        { source: "a", target: "b" },
        { source: "b", target: "a" },
        { source: "a", target: "a" },
      ],
    );
    expect(p.size).toBe(2);
    expect(p.get("a")!.x).not.toBe(p.get("b")!.x);
  });

  it("keeps versions of one app next to each other", () => {
    const p = layoutLayered(
      [{ id: "src" }, { id: "a1", group: "a" }, { id: "b", group: "b" }, { id: "a2", group: "a" }],
      [
        { source: "src", target: "a1" },
        { source: "src", target: "b" },
        { source: "src", target: "a2" },
      ],
    );
    const order = ["a1", "a2", "b"].sort((x, y) => p.get(x)!.y - p.get(y)!.y);
    expect(Math.abs(order.indexOf("a1") - order.indexOf("a2"))).toBe(1);
  });

  it("is deterministic", () => {
    expect([...layoutLayered(nodes, edges)]).toEqual([...layoutLayered([...nodes].reverse(), [...edges].reverse())]);
  });
});

describe("stable placement across refreshes", () => {
  it("lays out everything when nothing was drawn before", () => {
    expect(placeNodes({ nodes, edges, previous: new Map() })).toEqual(layoutLayered(nodes, edges));
  });

  it("keeps the positions of nodes that remain, even after the user moved them", () => {
    const previous = new Map(layoutLayered(nodes, edges));
    previous.set("pp", { x: 999, y: -500 });
    const placed = placeNodes({ nodes, edges, previous });
    for (const n of nodes) expect(placed.get(n.id)).toEqual(previous.get(n.id));
  });

  it("places a new node near its neighbours without overlapping anyone", () => {
    const previous = layoutLayered(nodes, edges);
    const grown = [...nodes, { id: "rv3", group: "rv" }];
    const grownEdges = [...edges, { source: "pp", target: "rv3" }];
    const placed = placeNodes({ nodes: grown, edges: grownEdges, previous });
    for (const n of nodes) expect(placed.get(n.id)).toEqual(previous.get(n.id));
    const rv3 = placed.get("rv3")!;
    expect(rv3.x).toBe(previous.get("rv1")!.x);
    expect(Math.abs(rv3.y - previous.get("rv2")!.y)).toBeLessThanOrEqual(layoutSpacing.row * 3);
    for (const n of nodes) expect(overlaps(rv3, placed.get(n.id)!)).toBe(false);
  });

  it("follows a neighbour the user dragged away", () => {
    const previous = new Map(layoutLayered(nodes, edges));
    previous.set("rt", { x: 5000, y: 5000 });
    const placed = placeNodes({
      nodes: [...nodes, { id: "db" }],
      edges: [...edges, { source: "rt", target: "db" }],
      previous,
    });
    expect(placed.get("db")!.x).toBe(5000 + layoutSpacing.column);
  });

  it("puts unconnected new nodes below the current picture", () => {
    const previous = layoutLayered(nodes, edges);
    const placed = placeNodes({ nodes: [...nodes, { id: "idle1" }, { id: "idle2" }], edges, previous });
    const bottom = Math.max(...[...previous.values()].map((p) => p.y));
    expect(placed.get("idle1")!.y).toBeGreaterThan(bottom);
    expect(placed.get("idle2")!.y).toBeGreaterThan(bottom);
    expect(overlaps(placed.get("idle1")!, placed.get("idle2")!)).toBe(false);
  });

  it("places 1,000 new nodes next to 1,000 kept ones quickly and without overlaps", () => {
    const big: LayoutNode[] = Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, group: `g${Math.floor(i / 3)}` }));
    const bigEdges: LayoutEdge[] = big.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 4)}`, target: n.id }));
    const previous = new Map([...layoutLayered(big.slice(0, 1000), bigEdges)]);
    const placed = placeNodes({ nodes: big, edges: bigEdges, previous });
    expect(placed.size).toBe(2000);
    const seen = new Set<string>();
    for (const p of placed.values()) {
      const key = `${Math.round(p.x)}:${Math.round(p.y)}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});
