/**
 * A first draw without Cytoscape's style triggers.
 *
 * Cytoscape applies a stylesheet one property at a time and, after each, runs its style
 * triggers (Style#checkTriggers, cytoscape/src/style/apply.mjs): it clears the derived-state
 * caches (visible, takesUpSpace, interactive…) of the element and, in a graph with compound
 * nodes, of its box, its namespace box, everything they contain and their edges, building
 * four collections to do so; it marks the bounds of the element, its boxes and its edges
 * stale, emitting an event per box; and it tells the renderer the z-order may have changed.
 * On the bench's 500 nodes in app and namespace boxes, styling the graph, its bounds and the
 * fit took ~400 ms with them and ~185 ms without (bench/graph-first-paint.bench.ts, whose
 * budget for the whole first paint is 1.5 s).
 *
 * On a first draw every element is new, and Cytoscape applies an element's style lazily, the
 * first time anything reads it: a box's bounds read its children's bounds, which apply their
 * styles first; an edge's visibility reads its nodes' `display`, which applies theirs. So
 * whatever is computed during the draw is computed from styles already applied, and nothing
 * the triggers would invalidate exists yet: for the length of `draw` they are skipped. The
 * renderer sorts by z-order on its first frame, after the draw. Outside a first draw (a
 * refresh that changes classes or data) Cytoscape's own triggers run.
 *
 * The override is an own property on this graph's Style object, removed afterwards. If a
 * Cytoscape upgrade renames what it relies on, `draw` runs as Cytoscape's own (slower) and
 * quiet-style-caches.test.ts fails, so the upgrade is noticed.
 */
import type cytoscape from "cytoscape";

interface StyleTriggers {
  checkTriggers: (ele: unknown, name: string, from: unknown, to: unknown) => void;
}

const hasTriggers = (style: unknown): style is StyleTriggers =>
  typeof (style as Partial<StyleTriggers>).checkTriggers === "function";

/** Runs `draw` (adding a new graph and reading its bounds) without the triggers; says whether they were skipped. */
export function withQuietStyleCaches(cy: cytoscape.Core, draw: () => void): { quiet: boolean } {
  const style: unknown = cy.style();
  if (!hasTriggers(style) || Object.hasOwn(style, "checkTriggers")) {
    draw();
    return { quiet: false };
  }
  style.checkTriggers = () => undefined;
  try {
    draw();
  } finally {
    delete (style as Partial<StyleTriggers>).checkTriggers;
  }
  return { quiet: true };
}
