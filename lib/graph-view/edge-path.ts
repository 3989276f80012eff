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

/** A straight piece of the path, and how far along the path it starts. */
interface Piece {
  from: Point;
  to: Point;
  start: number;
  length: number;
}

export interface EdgePath {
  start: Point;
  end: Point;
  pieces: Piece[];
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
    const next = controls[i + 1];
    const to = next ? mid(control, next) : target;
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
  const pieces: Piece[] = [];
  let length = 0;
  points.slice(1).reduce((from, to) => {
    const piece = { from, to, start: length, length: Math.hypot(to.x - from.x, to.y - from.y) };
    pieces.push(piece);
    length += piece.length;
    return to;
  }, source);
  return { start: source, end: target, pieces, length };
}

/** The point at a distance from the start, clamped to the path's ends. */
export function pointAlong(path: EdgePath, distance: number): Point {
  if (distance <= 0) return path.start;
  const piece = path.pieces.find((p) => distance <= p.start + p.length);
  if (!piece) return path.end;
  const t = piece.length === 0 ? 0 : (distance - piece.start) / piece.length;
  return { x: piece.from.x + (piece.to.x - piece.from.x) * t, y: piece.from.y + (piece.to.y - piece.from.y) * t };
}
