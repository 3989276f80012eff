/**
 * Turns the view model into Cytoscape element data. Kept apart from the canvas so the
 * mapping is plain data → data and the canvas only diffs and applies.
 */
import type { EdgeLabelMode } from "@/lib/graph-view/options";
import { edgeHealth, formatEdgeLabel } from "@/lib/graph-view/edge-labels";
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
  return classes;
}

export function edgeData(e: ViewEdge, mode: EdgeLabelMode, normalColour: string): CyEdgeData {
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: formatEdgeLabel(e, mode),
    colour: edgeColour(e, normalColour),
  };
}

export function edgeClasses(e: ViewEdge): string[] {
  const classes: string[] = [];
  if ((e.mtlsPct ?? 0) > 0) classes.push("mtls");
  if (e.rate > 0) classes.push("traffic");
  else classes.push("idle");
  return classes;
}
