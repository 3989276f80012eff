"use client";

/**
 * Keyboard control of the canvas region: f fit, + / - zoom, arrows pan, r re-layout,
 * Escape clear the selection, the menu key (or Shift+F10) open the selected node's menu.
 * A table, so a new shortcut is a new row (and the visible hint reads the same table); the
 * on-screen buttons (canvas-controls.tsx) run the same actions.
 *
 * Cytoscape cancels the mousedown on its canvas and blurs the focused element
 * (node_modules/cytoscape: `mousedownHandler` → `blurActiveDomElement`), so a click on the graph
 * would leave the keys with no one; `focusOnPointer` runs on the region's mousedown, which
 * bubbles there after Cytoscape's own handler, and gives the region the focus back.
 */
import type { KeyboardEvent, MouseEvent, RefObject } from "react";
import type { GraphCanvasHandle } from "./graph-canvas";

export interface GraphKeyActions {
  canvas: RefObject<GraphCanvasHandle | null>;
  clearSelection(): void;
  openMenu(): void;
}

const pan = 60;

type CanvasRef = RefObject<GraphCanvasHandle | null>;

/** What both the keys and the on-screen buttons do to the canvas. */
export const canvasActions = {
  zoomIn: (c: CanvasRef) => c.current?.zoomBy(1.25),
  zoomOut: (c: CanvasRef) => c.current?.zoomBy(0.8),
  fit: (c: CanvasRef) => c.current?.fit(),
  relayout: (c: CanvasRef) => c.current?.relayout(),
};

export const graphKeyRows: { keys: string[]; hint: string; run: (a: GraphKeyActions) => void }[] = [
  { keys: ["f"], hint: "f fit", run: (a) => canvasActions.fit(a.canvas) },
  { keys: ["+", "="], hint: "+ / − zoom", run: (a) => canvasActions.zoomIn(a.canvas) },
  { keys: ["-", "_"], hint: "", run: (a) => canvasActions.zoomOut(a.canvas) },
  { keys: ["ArrowLeft"], hint: "arrows pan", run: (a) => a.canvas.current?.panBy(pan, 0) },
  { keys: ["ArrowRight"], hint: "", run: (a) => a.canvas.current?.panBy(-pan, 0) },
  { keys: ["ArrowUp"], hint: "", run: (a) => a.canvas.current?.panBy(0, pan) },
  { keys: ["ArrowDown"], hint: "", run: (a) => a.canvas.current?.panBy(0, -pan) },
  { keys: ["r"], hint: "r re-layout", run: (a) => canvasActions.relayout(a.canvas) },
  { keys: ["Escape"], hint: "Esc deselect", run: (a) => a.clearSelection() },
  { keys: ["ContextMenu", "Shift+F10"], hint: "Menu key: node actions", run: (a) => a.openMenu() },
];

export const graphKeyHint = graphKeyRows
  .map((r) => r.hint)
  .filter(Boolean)
  .join(" · ");

export function handleGraphKey(event: KeyboardEvent, actions: GraphKeyActions) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.shiftKey && event.key === "F10" ? "Shift+F10" : event.key;
  const row = graphKeyRows.find((r) => r.keys.includes(key));
  if (!row) return;
  event.preventDefault();
  row.run(actions);
}

export function focusOnPointer(event: MouseEvent<HTMLElement>) {
  if (document.activeElement !== event.currentTarget) event.currentTarget.focus({ preventScroll: true });
}
