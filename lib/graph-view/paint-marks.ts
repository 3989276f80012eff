/**
 * Steps of drawing a graph, marked on the page's performance timeline (`performance.mark`),
 * so bench/graph-first-paint.bench.ts can print where a first paint's time goes — the
 * answer, the view model, ELK, Cytoscape — and DevTools' Performance panel shows the same
 * marks. A mark costs microseconds; every graph drawn marks again, so a reader takes the
 * first of each name for the first paint.
 */
export const paintSteps = [
  "view-model-start",
  "view-model-done",
  "layout-start",
  "layout-done",
  "canvas-start",
  "canvas-added",
  "canvas-fitted",
  "canvas-rendered",
] as const;
export type PaintStep = (typeof paintSteps)[number];

export const paintMarkPrefix = "topsail:graph:";

export function markPaint(step: PaintStep): void {
  // Absent in the server render and in some test environments.
  if (typeof performance !== "undefined" && typeof performance.mark === "function")
    performance.mark(paintMarkPrefix + step);
}
