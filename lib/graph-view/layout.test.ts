import { describe, expect, it } from "vitest";
import { namespaceBoxId } from "./boxes";
import { columnGap, footprintOf, layoutGraph, type LayoutEdge, type LayoutNode, type Rect } from "./layout";

const overlap = (a: Rect, b: Rect) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
const inside = (inner: Rect, outer: Rect) =>
  inner.x1 >= outer.x1 && inner.x2 <= outer.x2 && inner.y1 >= outer.y1 && inner.y2 <= outer.y2;

/** Bookinfo in four namespaces, the way the four-namespace e2e graph draws it. */
const node = (id: string, namespace: string, label: string, group?: string, order?: string): LayoutNode => ({
  id,
  namespace,
  label,
  group,
  order,
});
const fourNamespaces: LayoutNode[] = [
  node("gw", "istio-system", "istio-ingressgateway"),
  node("pp-v1", "bookinfo", "v1", "pp", "v1"),
  node("rv-v10", "bookinfo", "v10", "rv", "v10"),
  node("rv-v2", "bookinfo", "v2", "rv", "v2"),
  node("rv-v1", "bookinfo", "v1", "rv", "v1"),
  node("rt-v1", "bookinfo", "v1", "rt", "v1"),
  node("dt-v1", "bookinfo", "v1", "dt", "v1"),
  node("db", "bookinfo", "mysqldb"),
  node("fortio", "httpbin", "fortio"),
  node("hb-v1", "httpbin", "v1", "hb", "v1"),
  node("hb-v2", "httpbin", "v2", "hb", "v2"),
  node("tcp-client", "tcp-echo", "tcp-echo-client"),
  node("tcp-v1", "tcp-echo", "v1", "tcp", "v1"),
  node("unknown", "unknown", "unknown"),
];
const e = (source: string, target: string): LayoutEdge => ({ id: `${source}>${target}`, source, target });
const fourEdges: LayoutEdge[] = [
  e("gw", "pp-v1"),
  e("pp-v1", "rv-v1"),
  e("pp-v1", "rv-v2"),
  e("pp-v1", "rv-v10"),
  e("pp-v1", "dt-v1"),
  e("rv-v2", "rt-v1"),
  e("rv-v10", "rt-v1"),
  e("rt-v1", "db"),
  // A long edge: it passes the reviews and ratings columns.
  e("pp-v1", "db"),
  e("fortio", "hb-v1"),
  e("fortio", "hb-v2"),
  e("tcp-client", "tcp-v1"),
  e("unknown", "gw"),
  e("gw", "hb-v1"),
];
const labelOf = new Map(fourNamespaces.map((n) => [n.id, n.label]));

describe("the layered layout", () => {
  it("puts callers left of callees, across namespaces too", async () => {
    const { positions: p } = await layoutGraph(fourNamespaces, fourEdges);
    for (const edge of fourEdges)
      expect(p.get(edge.source)!.x, `${edge.source} → ${edge.target}`).toBeLessThan(p.get(edge.target)!.x);
  });

  it("never lets two nodes' labels, shapes or badges overlap", async () => {
    const { positions } = await layoutGraph(fourNamespaces, fourEdges);
    const rects = [...positions].map(([id, c]) => ({ id, r: footprintOf(c, labelOf.get(id)) }));
    for (const [i, a] of rects.entries())
      for (const b of rects.slice(i + 1)) expect(overlap(a.r, b.r), `${a.id} and ${b.id}`).toBe(false);
  });

  it("draws a box per namespace when several are drawn, none overlapping, each holding its nodes and app boxes", async () => {
    const { positions, boxes } = await layoutGraph(fourNamespaces, fourEdges);
    const namespaces = ["bookinfo", "httpbin", "istio-system", "tcp-echo"];
    const nsBoxes = namespaces.map((ns) => boxes.get(namespaceBoxId(ns))!);
    expect(nsBoxes.every(Boolean)).toBe(true);
    expect(boxes.has(namespaceBoxId("unknown"))).toBe(false);
    for (const [i, a] of nsBoxes.entries()) for (const b of nsBoxes.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    for (const n of fourNamespaces) {
      const own = footprintOf(positions.get(n.id)!, n.label);
      if (n.group) expect(inside(own, boxes.get(n.group)!), `${n.id} in its app box`).toBe(true);
      if (n.namespace !== "unknown")
        expect(inside(own, boxes.get(namespaceBoxId(n.namespace!))!), `${n.id} in its namespace`).toBe(true);
    }
    expect(inside(boxes.get("rv")!, boxes.get(namespaceBoxId("bookinfo"))!)).toBe(true);
  });

  it("keeps an app box in one column with its versions in natural order", async () => {
    const { positions: p } = await layoutGraph(fourNamespaces, fourEdges);
    // v10 is called alone by nobody else; it still sits below v2, in the same column.
    expect(new Set(["rv-v1", "rv-v2", "rv-v10"].map((id) => p.get(id)!.x)).size).toBe(1);
    expect(p.get("rv-v1")!.y).toBeLessThan(p.get("rv-v2")!.y);
    expect(p.get("rv-v2")!.y).toBeLessThan(p.get("rv-v10")!.y);
  });

  it("routes a long edge around the columns it passes, and leaves short edges straight", async () => {
    const { positions, routes } = await layoutGraph(fourNamespaces, fourEdges);
    expect(routes.has("gw>pp-v1")).toBe(false);
    const route = routes.get("pp-v1>db");
    expect(route?.length).toBeGreaterThan(0);
    // Along the whole route (from the caller's centre to the callee's), every other node's
    // footprint stays clear.
    const path = [positions.get("pp-v1")!, ...route!, positions.get("db")!];
    for (const [i, a] of path.slice(0, -1).entries()) {
      const b = path[i + 1]!;
      for (let t = 0; t <= 1; t += 0.02) {
        const x = a.x + (b.x - a.x) * t;
        const y = a.y + (b.y - a.y) * t;
        for (const [id, c] of positions)
          if (id !== "pp-v1" && id !== "db")
            expect(overlap({ x1: x, y1: y, x2: x + 0.1, y2: y + 0.1 }, footprintOf(c, labelOf.get(id))), id).toBe(
              false,
            );
      }
    }
  });

  it("leaves room for an edge label between columns inside a namespace box too", async () => {
    const { boxes } = await layoutGraph(fourNamespaces, fourEdges);
    // productpage → reviews → ratings, all in the bookinfo box.
    const gap = (left: string, right: string) => boxes.get(right)!.x1 - boxes.get(left)!.x2;
    expect(gap("pp", "rv")).toBeGreaterThanOrEqual(columnGap);
    expect(gap("rv", "rt")).toBeGreaterThanOrEqual(columnGap);
  });

  it("draws no namespace boxes for a single namespace", async () => {
    const one = fourNamespaces.filter((n) => n.namespace === "bookinfo");
    const { boxes } = await layoutGraph(one, fourEdges);
    expect([...boxes.keys()].sort()).toEqual(["dt", "pp", "rt", "rv"]);
  });

  it("survives cycles, self-loops and calls inside a box, and is deterministic", async () => {
    const nodes = [node("a", "x", "a"), node("b1", "x", "v1", "b", "v1"), node("b2", "x", "v2", "b", "v2")];
    const edges = [e("a", "b1"), e("b1", "a"), e("a", "a"), e("b1", "b2")];
    const first = await layoutGraph(nodes, edges);
    expect(first.positions.size).toBe(3);
    const again = await layoutGraph([...nodes].reverse(), [...edges].reverse());
    expect([...again.positions].sort()).toEqual([...first.positions].sort());
  });
});
