import type { KeyboardEvent, MouseEvent } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GraphCanvasHandle } from "./graph-canvas";
import { canvasActions, focusOnPointer, handleGraphKey } from "./use-graph-keys";

const fakeCanvas = () => {
  const calls: string[] = [];
  const handle: GraphCanvasHandle = {
    fit: () => calls.push("fit"),
    zoomBy: (f) => calls.push(`zoom ${f}`),
    panBy: (dx, dy) => calls.push(`pan ${dx} ${dy}`),
    relayout: () => calls.push("relayout"),
    screenPositionOf: () => undefined,
    exportImage: async () => undefined,
  };
  return { calls, canvas: { current: handle } };
};
const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
  ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    preventDefault: vi.fn(),
    ...extra,
  }) as unknown as KeyboardEvent;

describe("graph keys and buttons", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("zooms, fits and lays out again from the keys as the on-screen buttons do", () => {
    const keys = fakeCanvas();
    for (const k of ["+", "-", "f", "r"])
      handleGraphKey(key(k), { canvas: keys.canvas, clearSelection: () => {}, openMenu: () => {} });
    const buttons = fakeCanvas();
    for (const action of ["zoomIn", "zoomOut", "fit", "relayout"] as const) canvasActions[action](buttons.canvas);
    expect(keys.calls).toEqual(["zoom 1.25", "zoom 0.8", "fit", "relayout"]);
    expect(buttons.calls).toEqual(keys.calls);
  });

  it("leaves browser shortcuts (Ctrl+F) alone", () => {
    const keys = fakeCanvas();
    const event = key("f", { ctrlKey: true });
    handleGraphKey(event, { canvas: keys.canvas, clearSelection: () => {}, openMenu: () => {} });
    expect(keys.calls).toEqual([]);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it("moves focus to the canvas region on a mouse press, which Cytoscape's own handler would not", () => {
    const region = { focus: vi.fn() };
    vi.stubGlobal("document", { activeElement: { id: "hide-input" } });
    focusOnPointer({ currentTarget: region } as unknown as MouseEvent<HTMLElement>);
    expect(region.focus).toHaveBeenCalledWith({ preventScroll: true });
    vi.stubGlobal("document", { activeElement: region });
    focusOnPointer({ currentTarget: region } as unknown as MouseEvent<HTMLElement>);
    expect(region.focus).toHaveBeenCalledTimes(1);
  });
});
