/**
 * A first draw without Cytoscape's cascade of style-cache invalidations.
 *
 * Cytoscape applies a stylesheet one property at a time and, after each, runs its style
 * triggers (Style#checkTriggers, cytoscape/src/style/apply.mjs). The first of them,
 * `dirtyStyleCache`, clears the derived-state caches (visible, takesUpSpace, interactive…)
 * of the element and, in a graph with compound nodes, of its box, its namespace box,
 * everything they contain and all their edges — building four collections per property.
 * On the bench's 500 nodes in app and namespace boxes that was ~60 % of styling the graph
 * (~260 ms of the 1.5 s first-paint budget, bench/graph-first-paint.bench.ts).
 *
 * On a first draw every element is new, and Cytoscape applies an element's style lazily,
 * the first time anything reads it, so any derived state computed for one element (an edge's
 * visibility reads its nodes' `display`) has already applied the styles it depends on:
 * there is nothing stale to clear. So for the length of `draw`, clearing only the element's
 * own cache is exact; the other triggers (z-order, bounds, edges' bounds) run unchanged.
 * Outside a first draw (a refresh that changes classes or data) Cytoscape's own triggers run.
 *
 * The override is an own property on this graph's Style object, removed afterwards. If a
 * Cytoscape upgrade renames what it relies on, `draw` runs as Cytoscape's own (slower) and
 * quiet-style-caches.test.ts fails, so the upgrade is noticed.
 */
import type cytoscape from "cytoscape";

type Trigger = (ele: unknown, name: string, from: unknown, to: unknown) => void;

interface StyleTriggers {
  checkTriggers: Trigger;
  checkZOrderTrigger: Trigger;
  checkBoundsTrigger: Trigger;
  checkConnectedEdgesBoundsTrigger: Trigger;
  checkParallelEdgesBoundsTrigger: Trigger;
}

const triggerNames = [
  "checkTriggers",
  "checkZOrderTrigger",
  "checkBoundsTrigger",
  "checkConnectedEdgesBoundsTrigger",
  "checkParallelEdgesBoundsTrigger",
] as const;

function hasTriggers(style: unknown): style is StyleTriggers {
  return triggerNames.every((name) => typeof (style as Record<string, unknown>)[name] === "function");
}

/** Runs `draw` (adding a new graph and reading its bounds) with the quiet triggers; says whether they were used. */
export function withQuietStyleCaches(cy: cytoscape.Core, draw: () => void): { quiet: boolean } {
  const style: unknown = cy.style();
  if (!hasTriggers(style) || Object.hasOwn(style, "checkTriggers")) {
    draw();
    return { quiet: false };
  }
  style.checkTriggers = function (this: StyleTriggers, ele, name, from, to) {
    (ele as { _private: { styleCache: unknown } })._private.styleCache = null;
    this.checkZOrderTrigger(ele, name, from, to);
    this.checkBoundsTrigger(ele, name, from, to);
    this.checkConnectedEdgesBoundsTrigger(ele, name, from, to);
    this.checkParallelEdgesBoundsTrigger(ele, name, from, to);
  };
  try {
    draw();
  } finally {
    delete (style as Partial<StyleTriggers>).checkTriggers;
  }
  return { quiet: true };
}
