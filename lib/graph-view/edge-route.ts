/**
 * An edge's route (ELK's bend points, layout.ts) in the terms Cytoscape's `segments` edges
 * take: each bend as a weight along the source → target line (0 at the source's centre, 1
 * at the target's, with `edge-distances: node-position`) and a distance perpendicular to
 * it, positive to the left of the direction of travel in screen coordinates (Cytoscape's
 * `vectorNormInverse`, (−dy, dx) / length).
 */
import type { Point } from "./layout";

export interface Segments {
  /** Space-separated, as Cytoscape's `segment-weights` reads them from element data. */
  weights: string;
  distances: string;
}

export function toSegments(source: Point, target: Point, bends: readonly Point[]): Segments | undefined {
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length2 = dx * dx + dy * dy;
  if (length2 === 0 || bends.length === 0) return undefined;
  const length = Math.sqrt(length2);
  const weights: string[] = [];
  const distances: string[] = [];
  for (const p of bends) {
    const px = p.x - source.x;
    const py = p.y - source.y;
    weights.push(((px * dx + py * dy) / length2).toFixed(4));
    distances.push(((px * -dy + py * dx) / length).toFixed(1));
  }
  return { weights: weights.join(" "), distances: distances.join(" ") };
}
