/**
 * A left-to-right layered layout (Sugiyama in its simplest useful form), written here
 * rather than taken from a layout extension because the page needs two things those do
 * not give together: versions kept next to each other inside their app box, and a layout
 * that a stability pass can consult for nodes it has to add (positions.ts).
 *
 * 1. Break cycles: a depth-first search drops back edges.
 * 2. Rank: longest path from the sources, so callers sit left of callees.
 * 3. Order within a rank: a few barycentre sweeps (down, then up), siblings of one box kept
 *    together by sorting on the group's mean first.
 * 4. Coordinates: rank × column width; order × row height, each rank centred on y = 0.
 * O((V + E) × sweeps): 1,000 nodes take a few milliseconds.
 */
export interface LayoutNode {
  id: string;
  /** Siblings with the same group are kept adjacent (versions in an app box). */
  group?: string;
}
export interface LayoutEdge {
  source: string;
  target: string;
}
export interface Point {
  x: number;
  y: number;
}

export const layoutSpacing = { column: 200, row: 80, groupGap: 60 };
const sweeps = 4;

function acyclicEdges(ids: string[], edges: LayoutEdge[]): LayoutEdge[] {
  const out = new Map<string, LayoutEdge[]>();
  for (const e of edges) if (e.source !== e.target) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const kept: LayoutEdge[] = [];
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative DFS: deep call chains must not overflow the stack.
    const stack: [string, number][] = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1] as [string, number];
      const [id, i] = top;
      const next = out.get(id)?.[i];
      if (!next) {
        state.set(id, 2);
        stack.pop();
        continue;
      }
      top[1]++;
      const s = state.get(next.target);
      if (s === 1) continue; // back edge: drop it for ranking
      kept.push(next);
      if (s === undefined) {
        state.set(next.target, 1);
        stack.push([next.target, 0]);
      }
    }
  }
  return kept;
}

function rankNodes(ids: string[], edges: LayoutEdge[]): Map<string, number> {
  const indegree = new Map(ids.map((id) => [id, 0]));
  const out = new Map<string, string[]>();
  for (const e of edges) {
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  }
  const rank = new Map(ids.map((id) => [id, 0]));
  const queue = ids.filter((id) => indegree.get(id) === 0);
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q] as string;
    for (const t of out.get(id) ?? []) {
      rank.set(t, Math.max(rank.get(t) ?? 0, (rank.get(id) ?? 0) + 1));
      const d = (indegree.get(t) ?? 0) - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  return rank;
}

export function layoutLayered(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, Point> {
  const ids = [...nodes.map((n) => n.id)].sort();
  const known = new Set(ids);
  const group = new Map(nodes.map((n) => [n.id, n.group ?? n.id]));
  const dag = acyclicEdges(
    ids,
    edges.filter((e) => known.has(e.source) && known.has(e.target)),
  );
  const rank = rankNodes(ids, dag);
  const layers: string[][] = [];
  for (const id of ids) (layers[rank.get(id) ?? 0] ??= []).push(id);
  for (const layer of layers)
    if (layer)
      layer.sort((a, b) => (group.get(a) as string).localeCompare(group.get(b) as string) || a.localeCompare(b));

  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const e of dag) {
    preds.set(e.target, [...(preds.get(e.target) ?? []), e.source]);
    succs.set(e.source, [...(succs.get(e.source) ?? []), e.target]);
  }
  const index = new Map<string, number>();
  const reindex = () => layers.forEach((layer) => layer?.forEach((id, i) => index.set(id, i)));
  reindex();

  const reorder = (layer: string[], neighbours: Map<string, string[]>) => {
    const centre = new Map<string, number>();
    for (const id of layer) {
      const ns = (neighbours.get(id) ?? []).map((n) => index.get(n) ?? 0);
      centre.set(id, ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : (index.get(id) ?? 0));
    }
    const groupCentre = new Map<string, number[]>();
    for (const id of layer)
      groupCentre.set(group.get(id) as string, [
        ...(groupCentre.get(group.get(id) as string) ?? []),
        centre.get(id) as number,
      ]);
    const mean = (g: string) => {
      const values = groupCentre.get(g) as number[];
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    layer.sort((a, b) => {
      const ga = group.get(a) as string;
      const gb = group.get(b) as string;
      return (
        mean(ga) - mean(gb) ||
        ga.localeCompare(gb) ||
        (centre.get(a) as number) - (centre.get(b) as number) ||
        a.localeCompare(b)
      );
    });
  };
  for (let s = 0; s < sweeps; s++) {
    for (let r = 1; r < layers.length; r++) if (layers[r]) reorder(layers[r] as string[], preds);
    reindex();
    for (let r = layers.length - 2; r >= 0; r--) if (layers[r]) reorder(layers[r] as string[], succs);
    reindex();
  }

  const positions = new Map<string, Point>();
  layers.forEach((layer, r) => {
    if (!layer) return;
    const ys: number[] = [];
    let y = 0;
    layer.forEach((id, i) => {
      if (i > 0)
        y += layoutSpacing.row + (group.get(id) !== group.get(layer[i - 1] as string) ? layoutSpacing.groupGap : 0);
      ys.push(y);
    });
    const offset = y / 2;
    layer.forEach((id, i) => positions.set(id, { x: r * layoutSpacing.column, y: (ys[i] as number) - offset }));
  });
  return positions;
}
