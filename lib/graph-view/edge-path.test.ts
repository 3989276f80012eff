import { describe, expect, it } from "vitest";
import { edgePathOf, pointAlong } from "./edge-path";

describe("edge path", () => {
  it("measures a straight edge and finds points along it by distance", () => {
    const path = edgePathOf({ x: 0, y: 0 }, { x: 30, y: 40 }, { kind: "straight" });
    expect(path.length).toBe(50);
    expect(pointAlong(path, 25)).toEqual({ x: 15, y: 20 });
    expect(pointAlong(path, -5)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(path, 99)).toEqual({ x: 30, y: 40 });
  });

  it("follows a routed edge through its bends", () => {
    const path = edgePathOf({ x: 0, y: 0 }, { x: 10, y: 10 }, { kind: "segments", bends: [{ x: 10, y: 0 }] });
    expect(path.length).toBe(20);
    expect(pointAlong(path, 15)).toEqual({ x: 10, y: 5 });
  });

  it("follows a curved edge through the middle of its bulge, longer than the straight line", () => {
    const path = edgePathOf({ x: 0, y: 0 }, { x: 100, y: 0 }, { kind: "bezier", controls: [{ x: 50, y: 40 }] });
    expect(path.length).toBeGreaterThan(100);
    const middle = pointAlong(path, path.length / 2);
    expect(middle.x).toBeCloseTo(50, 0);
    // A quadratic curve passes halfway to its control point.
    expect(middle.y).toBeCloseTo(20, 0);
  });
});
