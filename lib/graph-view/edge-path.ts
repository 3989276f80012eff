/**
 * An edge's drawn path as a polyline, to place things along it by distance (the traffic
 * animation's marks, components/graph/traffic-animation.ts). The shapes are the ones the
 * canvas draws: a straight line, a chain of quadratic curves through control points (a
 * bezier edge, a loop, one of several edges between two nodes), or straight segments through
 * bend points (an edge routed by the layout, edge-route.ts; its rounded corners are ignored).
 */
import type { Point } from "./layout";

export type EdgeCurve =
  { kind: "straight" } | { kind: "bezier"; controls: readonly Point[] } | { kind: "segments"; bends: readonly Point[] };

export interface EdgePath {
  points: Point[];
  /** Distance from the first point to each point. */
  distances: number[];
  length: number;
}

/** Points per quadratic piece: enough to look smooth at the canvas's zoom levels. */
const samplesPerCurve = 12;

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

function quadratic(from: Point, control: Point, to: Point, t: number): Point {
  const u = 1 - t;
  return {
    x: u * u * from.x + 2 * u * t * control.x + t * t * to.x,
    y: u * u * from.y + 2 * u * t * control.y + t * t * to.y,
  };
}

/**
 * Cytoscape draws a bezier edge with control points c1…cn as quadratic curves from the source
 * to the midpoint of c1 and c2, on to the midpoint of c2 and c3, and so on to the target.
 */
function bezierPoints(source: Point, controls: readonly Point[], target: Point): Point[] {
  const points = [source];
  let from = source;
  controls.forEach((control, i) => {
    const to = i + 1 < controls.length ? mid(control, controls[i + 1]) : target;
    for (let s = 1; s <= samplesPerCurve; s++) points.push(quadratic(from, control, to, s / samplesPerCurve));
    from = to;
  });
  return points;
}

export function edgePathOf(source: Point, target: Point, curve: EdgeCurve): EdgePath {
  const points =
    curve.kind === "bezier" && curve.controls.length > 0
      ? bezierPoints(source, curve.controls, target)
      : curve.kind === "segments"
        ? [source, ...curve.bends, target]
        : [source, target];
  const distances = [0];
  for (let i = 1; i < points.length; i++)
    distances.push(distances[i - 1] + Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y));
  return { points, distances, length: distances[distances.length - 1] };
}

/** The point at a distance from the start, clamped to the path's ends. */
export function pointAlong(path: EdgePath, distance: number): Point {
  const { points, distances } = path;
  if (distance <= 0) return points[0];
  if (distance >= path.length) return points[points.length - 1];
  let i = 1;
  while (distances[i] < distance) i++;
  const span = distances[i] - distances[i - 1];
  const t = span === 0 ? 0 : (distance - distances[i - 1]) / span;
  return {
    x: points[i - 1].x + (points[i].x - points[i - 1].x) * t,
    y: points[i - 1].y + (points[i].y - points[i - 1].y) * t,
  };
}
