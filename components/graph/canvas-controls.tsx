"use client";

/**
 * On-screen zoom in / zoom out / fit / re-layout buttons over the canvas, for people who
 * use a mouse or touch and do not know the keys. They run the same actions as the keys
 * (use-graph-keys.ts). Kept outside the keyboard region so a click on a button does not
 * also count as a click on the canvas.
 */
import type { RefObject } from "react";
import type { GraphCanvasHandle } from "./graph-canvas";
import { canvasActions } from "./use-graph-keys";

const buttons: { label: string; glyph: string; action: keyof typeof canvasActions }[] = [
  { label: "Zoom in", glyph: "+", action: "zoomIn" },
  { label: "Zoom out", glyph: "−", action: "zoomOut" },
  { label: "Fit to screen", glyph: "⤢", action: "fit" },
  { label: "Lay out again", glyph: "↻", action: "relayout" },
];

export function CanvasControls({ canvas }: { canvas: RefObject<GraphCanvasHandle | null> }) {
  return (
    <div
      role="toolbar"
      aria-label="Graph view"
      aria-orientation="vertical"
      className="absolute bottom-9 right-2 flex flex-col overflow-hidden rounded-md border border-slate-300 bg-white/95 shadow-sm dark:border-slate-700 dark:bg-slate-900/95"
    >
      {buttons.map((b) => (
        <button
          key={b.action}
          type="button"
          title={b.label}
          aria-label={b.label}
          onClick={() => canvasActions[b.action](canvas)}
          className="h-8 w-8 text-base leading-none text-slate-700 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <span aria-hidden="true">{b.glyph}</span>
        </button>
      ))}
    </div>
  );
}
