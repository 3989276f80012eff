/**
 * Moving dashes on edges that carry traffic. Runs outside React (no re-render per frame),
 * at ~20 frames/s, updating one style on all animated edges in a single batch. It stops
 * when the user prefers reduced motion, and the caller stops it when the toggle is off.
 */
import type cytoscape from "cytoscape";

const frameMs = 50;

export function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function startTrafficAnimation(cy: cytoscape.Core): () => void {
  const edges = () => cy.edges(".traffic");
  cy.batch(() => edges().addClass("animated"));
  let offset = 0;
  let last = 0;
  let frame = 0;
  const tick = (now: number) => {
    frame = requestAnimationFrame(tick);
    if (now - last < frameMs) return;
    last = now;
    offset = (offset - 1) % 20;
    cy.batch(() => edges().filter(":visible").style("line-dash-offset", offset));
  };
  frame = requestAnimationFrame(tick);
  return () => {
    cancelAnimationFrame(frame);
    cy.batch(() => edges().removeClass("animated").removeStyle("line-dash-offset"));
  };
}
