/**
 * Keeps the picture still across refreshes: a node that stays keeps the position it had
 * (the user may have dragged it), and only new nodes are placed. A new node goes where the
 * layered layout would put it relative to its already placed neighbours (so a new version
 * appears beside its callers' other callees), then moves down until it overlaps nobody.
 * A node with no placed neighbour goes below the current picture, keeping the layered
 * layout's shape among the new nodes. With nothing to keep, it is the full layout.
 * The layout is computed by the caller (layout.ts is asynchronous), so this stays a plain
 * synchronous function of its inputs.
 */
import { layoutSpacing, type LayoutEdge, type LayoutNode, type Point } from "./layout";

export interface PlaceInput {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  previous: ReadonlyMap<string, Point>;
  /** layoutGraph's positions for all of `nodes`. */
  ideal: ReadonlyMap<string, Point>;
}

/** A spatial hash of occupied spots, so placing N new nodes is not O(N × all). */
class Occupancy {
  private readonly cells = new Map<string, Point[]>();
  private readonly size = Math.max(layoutSpacing.column, layoutSpacing.row);
  private key(x: number, y: number) {
    return `${Math.floor(x / this.size)}:${Math.floor(y / this.size)}`;
  }
  add(p: Point) {
    const k = this.key(p.x, p.y);
    this.cells.set(k, [...(this.cells.get(k) ?? []), p]);
  }
  clashes(p: Point): boolean {
    const cx = Math.floor(p.x / this.size);
    const cy = Math.floor(p.y / this.size);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const q of this.cells.get(`${cx + dx}:${cy + dy}`) ?? [])
          if (Math.abs(q.x - p.x) < layoutSpacing.column * 0.6 && Math.abs(q.y - p.y) < layoutSpacing.row * 0.9)
            return true;
    return false;
  }
}

/** Does this refresh need a layout at all? Only when it brings nodes not drawn before. */
export const needsLayout = (nodes: LayoutNode[], previous: ReadonlyMap<string, Point>) =>
  nodes.some((n) => !previous.has(n.id));

export function placeNodes({ nodes, edges, previous, ideal }: PlaceInput): Map<string, Point> {
  const kept = nodes.filter((n) => previous.has(n.id));
  if (kept.length === 0) return new Map(ideal);
  const result = new Map<string, Point>();
  const occupied = new Occupancy();
  for (const n of kept) {
    const p = previous.get(n.id) as Point;
    result.set(n.id, p);
    occupied.add(p);
  }
  const fresh = nodes.filter((n) => !previous.has(n.id));
  if (fresh.length === 0) return result;

  const neighbours = new Map<string, string[]>();
  for (const e of edges) {
    neighbours.set(e.source, [...(neighbours.get(e.source) ?? []), e.target]);
    neighbours.set(e.target, [...(neighbours.get(e.target) ?? []), e.source]);
  }
  const siblings = new Map<string, string[]>();
  for (const n of nodes) if (n.group) siblings.set(n.group, [...(siblings.get(n.group) ?? []), n.id]);

  let maxY = -Infinity;
  let minX = Infinity;
  for (const p of result.values()) {
    maxY = Math.max(maxY, p.y);
    minX = Math.min(minX, p.x);
  }
  // A new version follows the versions already in its box only, so the box stays in one
  // column; any other new node follows its placed neighbours.
  const anchorsOf = (n: LayoutNode) => {
    const placedSiblings = (n.group ? (siblings.get(n.group) ?? []) : []).filter((id) => result.has(id));
    return placedSiblings.length ? placedSiblings : (neighbours.get(n.id) ?? []).filter((id) => result.has(id));
  };
  const orphans = fresh.filter((n) => anchorsOf(n).length === 0);
  const orphanIds = new Set(orphans.map((n) => n.id));

  // Anchored nodes first, in layered order, so one new node can anchor the next.
  const anchored = fresh
    .filter((n) => !orphanIds.has(n.id))
    .sort((a, b) => (ideal.get(a.id) as Point).x - (ideal.get(b.id) as Point).x);
  for (const n of anchored) {
    const anchors = anchorsOf(n);
    const me = ideal.get(n.id) as Point;
    let x = 0;
    let y = 0;
    for (const id of anchors) {
      const actual = result.get(id) as Point;
      const theirs = ideal.get(id) as Point;
      x += actual.x + (me.x - theirs.x);
      y += actual.y + (me.y - theirs.y);
    }
    const p = { x: x / anchors.length, y: y / anchors.length };
    while (occupied.clashes(p)) p.y += layoutSpacing.row;
    result.set(n.id, p);
    occupied.add(p);
  }

  if (orphans.length) {
    let orphanMinX = Infinity;
    let orphanMinY = Infinity;
    for (const n of orphans) {
      const p = ideal.get(n.id) as Point;
      orphanMinX = Math.min(orphanMinX, p.x);
      orphanMinY = Math.min(orphanMinY, p.y);
    }
    for (const n of orphans) {
      const p0 = ideal.get(n.id) as Point;
      const p = { x: minX + (p0.x - orphanMinX), y: maxY + layoutSpacing.row * 2 + (p0.y - orphanMinY) };
      while (occupied.clashes(p)) p.y += layoutSpacing.row;
      result.set(n.id, p);
      occupied.add(p);
    }
  }
  return result;
}
