"use client";

/**
 * Keyboard control of the canvas region: f fit, + / - zoom, arrows pan, r re-layout,
 * Escape clear the selection, the menu key (or Shift+F10) open the selected node's menu.
 * A table, so a new shortcut is a new row (and the visible hint reads the same table).
 */
import type { KeyboardEvent, RefObject } from "react";
import type { GraphCanvasHandle } from "./graph-canvas";

export interface GraphKeyActions {
  canvas: RefObject<GraphCanvasHandle | null>;
  clearSelection(): void;
  openMenu(): void;
}

const pan = 60;

export const graphKeyRows: { keys: string[]; hint: string; run: (a: GraphKeyActions) => void }[] = [
  { keys: ["f"], hint: "f fit", run: (a) => a.canvas.current?.fit() },
  { keys: ["+", "="], hint: "+ / − zoom", run: (a) => a.canvas.current?.zoomBy(1.25) },
  { keys: ["-", "_"], hint: "", run: (a) => a.canvas.current?.zoomBy(0.8) },
  { keys: ["ArrowLeft"], hint: "arrows pan", run: (a) => a.canvas.current?.panBy(pan, 0) },
  { keys: ["ArrowRight"], hint: "", run: (a) => a.canvas.current?.panBy(-pan, 0) },
  { keys: ["ArrowUp"], hint: "", run: (a) => a.canvas.current?.panBy(0, pan) },
  { keys: ["ArrowDown"], hint: "", run: (a) => a.canvas.current?.panBy(0, -pan) },
  { keys: ["r"], hint: "r re-layout", run: (a) => a.canvas.current?.relayout() },
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
