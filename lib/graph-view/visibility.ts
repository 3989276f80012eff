/**
 * Which elements are hidden, and which match "find", for a graph and the user's
 * expressions. Pure and whole-graph: the canvas applies the result in one batch.
 *
 * - hide: a matching node or edge is hidden; an edge touching a hidden node is hidden;
 *   an app box is hidden when all its versions are (boxes themselves are never matched, so
 *   `NOT healthy` does not swallow a box whose health is unknown).
 * - focus: everything not connected to the focused node (upstream or downstream,
 *   transitively) is hidden; focusing a box focuses its versions.
 * - find: matching visible nodes and edges are highlighted.
 */
import { matchesExpression } from "./expression/evaluate";
import type { Expr } from "./expression/parse";
import type { ViewGraph } from "./view-model";

export interface Visibility {
  hiddenNodes: Set<string>;
  hiddenEdges: Set<string>;
  foundNodes: Set<string>;
  foundEdges: Set<string>;
}

export interface VisibilityInput {
  hide: Expr | null;
  find: Expr | null;
  focus?: string;
}

function connectedTo(graph: ViewGraph, seeds: string[]): Set<string> {
  const out = new Map<string, string[]>();
  const into = new Map<string, string[]>();
  for (const e of graph.edges) {
    out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
    into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  }
  const reached = new Set(seeds);
  for (const adjacency of [out, into]) {
    const stack = [...seeds];
    const seen = new Set(seeds);
    while (stack.length) {
      const id = stack.pop() as string;
      for (const next of adjacency.get(id) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        reached.add(next);
        stack.push(next);
      }
    }
  }
  return reached;
}

export function computeVisibility(graph: ViewGraph, input: VisibilityInput): Visibility {
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  const leaves = graph.nodes.filter((n) => n.kind !== "box");
  const children = new Map<string, string[]>();
  for (const n of leaves) if (n.parent) children.set(n.parent, [...(children.get(n.parent) ?? []), n.id]);

  if (input.focus && graph.nodeById.has(input.focus)) {
    const seeds = children.get(input.focus) ?? [input.focus];
    const keep = connectedTo(graph, seeds);
    for (const n of leaves) if (!keep.has(n.id)) hiddenNodes.add(n.id);
  }
  if (input.hide) {
    const hide = input.hide;
    for (const n of leaves) if (matchesExpression(hide, { kind: "node", node: n })) hiddenNodes.add(n.id);
    for (const e of graph.edges) if (matchesExpression(hide, { kind: "edge", edge: e })) hiddenEdges.add(e.id);
  }
  for (const e of graph.edges) if (hiddenNodes.has(e.source) || hiddenNodes.has(e.target)) hiddenEdges.add(e.id);
  for (const [box, ids] of children) if (ids.every((id) => hiddenNodes.has(id))) hiddenNodes.add(box);

  const foundNodes = new Set<string>();
  const foundEdges = new Set<string>();
  if (input.find) {
    const find = input.find;
    for (const n of leaves)
      if (!hiddenNodes.has(n.id) && matchesExpression(find, { kind: "node", node: n })) foundNodes.add(n.id);
    for (const e of graph.edges)
      if (!hiddenEdges.has(e.id) && matchesExpression(find, { kind: "edge", edge: e })) foundEdges.add(e.id);
  }
  return { hiddenNodes, hiddenEdges, foundNodes, foundEdges };
}
