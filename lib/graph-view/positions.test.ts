import { describe, expect, it } from "vitest";
import { layoutGraph, layoutSpacing, type LayoutEdge, type LayoutNode, type Point } from "./layout";
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

/** The full layout's leaf positions (what the canvas passes as `ideal`). */
const layoutLayered = async (n: LayoutNode[], e: LayoutEdge[]) => (await layoutGraph(n, e)).positions;
const place = async (n: LayoutNode[], e: LayoutEdge[], previous: ReadonlyMap<string, Point>) =>
  placeNodes({ nodes: n, edges: e, previous, ideal: await layoutLayered(n, e) });

const overlaps = (a: Point, b: Point) =>
  Math.abs(a.x - b.x) < layoutSpacing.column / 2 && Math.abs(a.y - b.y) < layoutSpacing.row / 2;

describe("stable placement across refreshes", async () => {
  it("lays out everything when nothing was drawn before", async () => {
    expect(await place(nodes, edges, new Map())).toEqual(await layoutLayered(nodes, edges));
  });

  it("keeps the positions of nodes that remain, even after the user moved them", async () => {
    const previous = new Map(await layoutLayered(nodes, edges));
    previous.set("pp", { x: 999, y: -500 });
    const placed = await place(nodes, edges, previous);
    for (const n of nodes) expect(placed.get(n.id)).toEqual(previous.get(n.id));
  });

  it("places a new node near its neighbours without overlapping anyone", async () => {
    const previous = await layoutLayered(nodes, edges);
    const grown = [...nodes, { id: "rv3", group: "rv" }];
    const grownEdges = [...edges, { source: "pp", target: "rv3" }];
    const placed = await place(grown, grownEdges, previous);
    for (const n of nodes) expect(placed.get(n.id)).toEqual(previous.get(n.id));
    const rv3 = placed.get("rv3")!;
    expect(rv3.x).toBe(previous.get("rv1")!.x);
    expect(Math.abs(rv3.y - previous.get("rv2")!.y)).toBeLessThanOrEqual(layoutSpacing.row * 3);
    for (const n of nodes) expect(overlaps(rv3, placed.get(n.id)!)).toBe(false);
  });

  it("follows a neighbour the user dragged away", async () => {
    const previous = new Map(await layoutLayered(nodes, edges));
    previous.set("rt", { x: 5000, y: 5000 });
    const grown = [...nodes, { id: "db" }];
    const grownEdges = [...edges, { source: "rt", target: "db" }];
    const ideal = await layoutLayered(grown, grownEdges);
    const placed = placeNodes({ nodes: grown, edges: grownEdges, previous, ideal });
    expect(placed.get("db")!.x).toBe(5000 + ideal.get("db")!.x - ideal.get("rt")!.x);
  });

  it("puts unconnected new nodes below the current picture", async () => {
    const previous = await layoutLayered(nodes, edges);
    const placed = await place([...nodes, { id: "idle1" }, { id: "idle2" }], edges, previous);
    const bottom = Math.max(...[...previous.values()].map((p) => p.y));
    expect(placed.get("idle1")!.y).toBeGreaterThan(bottom);
    expect(placed.get("idle2")!.y).toBeGreaterThan(bottom);
    expect(overlaps(placed.get("idle1")!, placed.get("idle2")!)).toBe(false);
  });

  it("places 1,000 new nodes next to 1,000 kept ones quickly and without overlaps", async () => {
    const big: LayoutNode[] = Array.from({ length: 2000 }, (_, i) => ({ id: `n${i}`, group: `g${Math.floor(i / 3)}` }));
    const bigEdges: LayoutEdge[] = big.slice(1).map((n, i) => ({ source: `n${Math.floor(i / 4)}`, target: n.id }));
    // A grid stands in for the layout: this measures the placement, not ELK.
    const grid = (n: LayoutNode[]) =>
      new Map(
        n.map((node, i) => [
          node.id,
          { x: Math.floor(i / 50) * layoutSpacing.column, y: (i % 50) * layoutSpacing.row },
        ]),
      );
    const previous = grid(big.slice(0, 1000));
    const started = performance.now();
    const placed = placeNodes({ nodes: big, edges: bigEdges, previous, ideal: grid(big) });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(placed.size).toBe(2000);
    const seen = new Set<string>();
    for (const p of placed.values()) {
      const key = `${Math.round(p.x)}:${Math.round(p.y)}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});
