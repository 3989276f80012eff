/**
 * The Cytoscape stylesheet. Per-element looks come from element data (set from the tables
 * in graph-styles.ts), so a new kind or state is a new row there, not a new selector here.
 * `min-zoomed-font-size` drops labels when zoomed out: on a 1,000-node graph unreadable
 * text is pure cost.
 */
import type cytoscape from "cytoscape";
import type { EdgeColours } from "./cy-elements";
import { edgeProtocolRows, healthRows } from "./graph-styles";
import { nodeImage } from "./node-images";

export interface CanvasPalette {
  text: string;
  textOutline: string;
  nodeFill: string;
  boxFill: string;
  boxBorder: string;
  /** The greyed fill of a node whose namespace's workloads the viewer may not read. */
  inaccessibleFill: string;
  edge: string;
  selection: string;
  found: string;
  traced: string;
  tracedError: string;
  /** Compare mode: new elements, and changed edges that got worse, better or only shifted. */
  compareNew: string;
  compareWorse: string;
  compareBetter: string;
  compareShift: string;
}

/** A theme's edge colours: protocol colours from graph-styles.ts, the palette's grey for idle edges. */
export function edgeColoursOf(theme: "light" | "dark"): EdgeColours {
  return {
    idle: palettes[theme].edge,
    byProtocol: {
      http: edgeProtocolRows.http.colour[theme],
      grpc: edgeProtocolRows.grpc.colour[theme],
      tcp: edgeProtocolRows.tcp.colour[theme],
    },
  };
}

export const palettes: Record<"light" | "dark", CanvasPalette> = {
  light: {
    text: "#0f172a",
    textOutline: "#f8fafc",
    nodeFill: "#ffffff",
    boxFill: "#f1f5f9",
    boxBorder: "#94a3b8",
    inaccessibleFill: "#e2e8f0",
    edge: "#64748b",
    selection: "#0284c7",
    found: "#c026d3",
    traced: "#0369a1",
    tracedError: "#dc2626",
    compareNew: "#059669",
    compareWorse: "#dc2626",
    compareBetter: "#0d9488",
    compareShift: "#2563eb",
  },
  dark: {
    text: "#e2e8f0",
    textOutline: "#020617",
    nodeFill: "#0f172a",
    boxFill: "#1e293b",
    boxBorder: "#64748b",
    inaccessibleFill: "#334155",
    edge: "#94a3b8",
    selection: "#38bdf8",
    found: "#e879f9",
    traced: "#7dd3fc",
    tracedError: "#f87171",
    compareNew: "#34d399",
    compareWorse: "#f87171",
    compareBetter: "#2dd4bf",
    compareShift: "#60a5fa",
  },
};

export function buildStylesheet(p: CanvasPalette): cytoscape.StylesheetJson {
  return [
    {
      selector: "node",
      style: {
        shape: "data(shape)" as never,
        width: nodeImage.node,
        height: nodeImage.node,
        "background-color": p.nodeFill,
        "border-color": "data(healthColour)",
        "border-width": "data(borderWidth)",
        "border-style": "data(borderStyle)" as never,
        label: "data(label)",
        color: p.text,
        "font-size": 11,
        "text-valign": "bottom",
        "text-margin-y": 4,
        "text-outline-color": p.textOutline,
        "text-outline-width": 2,
        "min-zoomed-font-size": 7,
      },
    },
    {
      selector: "node[image]",
      style: {
        "background-image": "data(image)",
        "background-width": nodeImage.width,
        "background-height": nodeImage.height,
        "background-clip": "none",
        "background-image-containment": "over",
        "bounds-expansion": (nodeImage.height - nodeImage.node) / 2,
      },
    },
    {
      selector: "node.box",
      style: {
        shape: "round-rectangle",
        "background-color": p.boxFill,
        "border-color": p.boxBorder,
        "border-width": 1,
        "border-style": "solid",
        "text-valign": "top",
        "text-halign": "center",
        "text-margin-y": -4,
        "font-weight": "bold",
        padding: "14px",
      },
    },
    // An app box's badges, once, in its top-right corner (cy-elements.ts nodeElements).
    {
      selector: "node.box[image]",
      style: {
        "background-image": "data(image)",
        "background-fit": "none",
        "background-width": "auto",
        "background-height": "auto",
        "background-position-x": "100%",
        "background-position-y": "0%",
        "background-offset-x": -4,
        "background-offset-y": 4,
        "background-clip": "node",
      },
    },
    // Namespace boxes (several namespaces drawn): quieter than app boxes, so the app boxes
    // inside read as the units; label in the top-left corner like a frame's title.
    {
      selector: "node.namespace-box",
      style: {
        "background-opacity": 0.35,
        "border-style": "dashed",
        "border-width": 1.5,
        "text-halign": "center",
        "font-size": 12,
        padding: "20px",
      },
    },
    // A long edge follows the route ELK gave it around the columns it passes
    // (graph-canvas.tsx sets it after a full layout; dragging an end drops it).
    {
      selector: "edge.routed",
      style: {
        "curve-style": "round-segments",
        "segment-weights": "data(segmentWeights)" as never,
        "segment-distances": "data(segmentDistances)" as never,
        "edge-distances": "node-position",
        "segment-radii": [12],
      },
    },
    { selector: "node.idle", style: { "background-opacity": 0.5, "border-opacity": 0.6 } },
    { selector: "node.dead", style: { "border-color": healthRows.na.colour, "border-style": "dotted" } },
    // Inaccessible (Kiali's isInaccessible): greyed, with a key in its image (node-images.ts); the
    // border keeps saying its health, which Prometheus measured.
    { selector: "node.inaccessible", style: { "background-color": p.inaccessibleFill } },
    {
      selector: "edge",
      style: {
        width: 2,
        "curve-style": "bezier",
        "line-color": "data(colour)",
        "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle",
        "arrow-scale": 0.9,
        label: "data(label)",
        "font-size": 10,
        color: p.text,
        "text-outline-color": p.textOutline,
        "text-outline-width": 2,
        "text-rotation": "autorotate",
        // Above the line, so the security marker in the middle stays visible.
        "text-margin-y": -9,
        "min-zoomed-font-size": 7,
      },
    },
    // The Security display (cy-elements.ts): a filled square for full mTLS, a hollow one for
    // partial, next to the lock in the label — the square still tells them apart where a
    // browser lacks an emoji font for the lock.
    {
      selector: "edge.mtls, edge.mtls-partial",
      style: {
        "mid-target-arrow-shape": "square",
        "mid-target-arrow-color": "data(colour)",
        "mid-target-arrow-fill": "filled",
        "arrow-scale": 1.1,
      },
    },
    { selector: "edge.mtls-partial", style: { "mid-target-arrow-fill": "hollow" } },
    { selector: "edge.idle", style: { "line-style": "dotted", opacity: 0.6 } },
    // Compare mode (lib/graph-view/compare-view.ts): colour by tone, new edges thick, vanished ones dashed and faint.
    { selector: "edge.compare-shift", style: { "line-color": p.compareShift, "target-arrow-color": p.compareShift } },
    {
      selector: "edge.compare-better",
      style: { "line-color": p.compareBetter, "target-arrow-color": p.compareBetter },
    },
    { selector: "edge.compare-worse", style: { "line-color": p.compareWorse, "target-arrow-color": p.compareWorse } },
    { selector: "edge.compare-new", style: { width: 4 } },
    { selector: "edge.compare-vanished", style: { "line-style": "dashed", "line-dash-pattern": [8, 5], opacity: 0.6 } },
    { selector: "edge.compare-unchanged", style: { opacity: 0.35 } },
    {
      selector: "node.compare-new",
      style: { "border-color": p.compareNew, "border-width": 4, "border-style": "double" },
    },
    { selector: "node.compare-vanished", style: { opacity: 0.45, "border-style": "dashed" } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: "node.found", style: { "overlay-color": p.found, "overlay-opacity": 0.25, "overlay-padding": 6 } },
    { selector: "edge.found", style: { "overlay-color": p.found, "overlay-opacity": 0.3, "overlay-padding": 4 } },
    { selector: ".dimmed", style: { opacity: 0.15 } },
    {
      selector: "node.traced:childless",
      style: { "overlay-color": p.traced, "overlay-opacity": 0.2, "overlay-padding": 6 },
    },
    { selector: "edge.traced", style: { width: 5, "overlay-color": p.traced, "overlay-opacity": 0.25 } },
    { selector: "edge.traced-error", style: { "overlay-color": p.tracedError, "overlay-opacity": 0.35 } },
    {
      selector: "node:selected",
      style: { "overlay-color": p.selection, "overlay-opacity": 0.3, "overlay-padding": 8 },
    },
    {
      selector: "edge:selected",
      style: { "overlay-color": p.selection, "overlay-opacity": 0.35, "overlay-padding": 5 },
    },
  ];
}
