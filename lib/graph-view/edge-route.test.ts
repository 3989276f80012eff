import { describe, expect, it } from "vitest";
import { toSegments } from "./edge-route";

/** Where Cytoscape draws a bend from a weight and a distance (its findSegmentsPoints). */
const drawn = (s: { x: number; y: number }, t: { x: number; y: number }, w: number, d: number) => {
  const l = Math.hypot(t.x - s.x, t.y - s.y);
  const normal = { x: -(t.y - s.y) / l, y: (t.x - s.x) / l };
  return { x: s.x + (t.x - s.x) * w + normal.x * d, y: s.y + (t.y - s.y) * w + normal.y * d };
};

describe("an edge's route as Cytoscape segments", () => {
  it("puts each bend back where the layout put it", () => {
    const source = { x: 0, y: 0 };
    const target = { x: 600, y: 100 };
    const bends = [
      { x: 100, y: -150 },
      { x: 500, y: -150 },
    ];
    const segments = toSegments(source, target, bends)!;
    const w = segments.weights.split(" ").map(Number);
    const d = segments.distances.split(" ").map(Number);
    bends.forEach((b, i) => {
      const p = drawn(source, target, w[i]!, d[i]!);
      expect(p.x).toBeCloseTo(b.x, 0);
      expect(p.y).toBeCloseTo(b.y, 0);
    });
  });

  it("leaves an edge straight when there is nothing to route", () => {
    expect(toSegments({ x: 0, y: 0 }, { x: 10, y: 0 }, [])).toBeUndefined();
    expect(toSegments({ x: 5, y: 5 }, { x: 5, y: 5 }, [{ x: 1, y: 1 }])).toBeUndefined();
  });
});
