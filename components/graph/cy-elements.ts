/**
 * Turns the view model into Cytoscape element data. Kept apart from the canvas so the
 * mapping is plain data → data and the canvas only diffs and applies.
 */
import type { EdgeLabelMode } from "@/lib/graph-view/options";
import { edgeHealth, formatEdgeLabel } from "@/lib/graph-view/edge-labels";
import { securityMarkerOf } from "@/lib/graph-view/edge-security";
import type { ViewEdge, ViewNode } from "@/lib/graph-view/view-model";
import { healthRows, shapeOf } from "./graph-styles";
import { nodeImageUri } from "./node-images";

export interface CyNodeData {
  [key: string]: unknown;
  id: string;
  parent?: string;
  label: string;
  shape: string;
  healthColour: string;
  borderStyle: string;
  borderWidth: number;
  image?: string;
}

export interface CyEdgeData {
  [key: string]: unknown;
  id: string;
  source: string;
  target: string;
  label: string;
  colour: string;
}

const edgeColour = (e: ViewEdge, normal: string) => {
  const health = edgeHealth(e);
  return health === "healthy" ? normal : healthRows[health].colour;
};

export function nodeData(n: ViewNode): CyNodeData {
  const health = healthRows[n.health];
  const shapeKind = n.isGateway ? "gateway" : n.isServiceEntry ? "serviceEntry" : n.kind;
  const data: CyNodeData = {
    id: n.id,
    label: n.label,
    shape: shapeOf(shapeKind),
    healthColour: health.colour,
    borderStyle: health.border,
    borderWidth: health.borderWidth,
  };
  if (n.parent) data.parent = n.parent;
  const image = n.kind === "box" ? undefined : nodeImageUri(n.health, n.badges);
  if (image) data.image = image;
  return data;
}

export function nodeClasses(n: ViewNode): string[] {
  const classes: string[] = [];
  if (n.kind === "box") classes.push("box");
  if (n.isIdle) classes.push("idle");
  if (n.isDead) classes.push("dead");
  if (n.compare) classes.push(`compare-${n.compare.status}`);
  return classes;
}

/** Cytoscape class per marked security state: cy-stylesheet.ts draws each its own mid-edge marker. */
const securityClass = { mtls: "mtls", partialMtls: "mtls-partial" } as const;

/**
 * With the Security display on, a marked edge's label starts with its marker (a lock, as
 * Kiali draws it), so the marker shows even when no edge labels are chosen.
 */
export function edgeData(e: ViewEdge, mode: EdgeLabelMode, normalColour: string, security = false): CyEdgeData {
  // In Compare mode the delta is the label (lib/graph-view/compare-view.ts).
  const label = e.compare ? e.compare.label : formatEdgeLabel(e, mode);
  const marker = security ? securityMarkerOf(e)?.marker : undefined;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: marker ? [marker, label].filter(Boolean).join(" ") : label,
    colour: edgeColour(e, normalColour),
  };
}

export function edgeClasses(e: ViewEdge, security = false): string[] {
  const classes: string[] = [];
  const marked = security ? securityMarkerOf(e) : undefined;
  if (marked) classes.push(securityClass[marked.security]);
  if (e.rate > 0) classes.push("traffic");
  else classes.push("idle");
  if (e.compare) classes.push(`compare-${e.compare.status}`, `compare-${e.compare.tone}`);
  return classes;
}
