/**
 * Turns the view model into Cytoscape element data. Kept apart from the canvas so the
 * mapping is plain data → data and the canvas only diffs and applies.
 */
import type { Protocol } from "@/lib/contracts/graph";
import { namespaceBoxId, namespaceBoxesOf } from "@/lib/graph-view/boxes";
import type { EdgeLabelMode } from "@/lib/graph-view/options";
import { edgeHealth, formatEdgeLabel } from "@/lib/graph-view/edge-labels";
import { securityMarkerOf } from "@/lib/graph-view/edge-security";
import { trafficMotionOf, type TrafficMotion } from "@/lib/graph-view/traffic-motion";
import type { NodeBadge, ViewEdge, ViewNode } from "@/lib/graph-view/view-model";
import { healthRows, shapeOf } from "./graph-styles";
import { badgeStripUri, nodeImageUri } from "./node-images";

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
  /** How the traffic animation moves its marks (traffic-animation.ts); absent on an edge without traffic. */
  motion?: TrafficMotion;
}

/** The colours of healthy edges: by protocol while they carry traffic (graph-styles.ts `edgeProtocolRows`). */
export interface EdgeColours {
  idle: string;
  byProtocol: Record<Protocol, string>;
}

const edgeColour = (e: ViewEdge, colours: EdgeColours) => {
  const health = edgeHealth(e);
  if (health !== "healthy") return healthRows[health].colour;
  return e.rate > 0 ? colours.byProtocol[e.protocol] : colours.idle;
};

export interface NodeContext {
  /** The compound node it is drawn in: its app box, or its namespace box. */
  parent?: string;
  /** Badges its app box already shows, so they are drawn once per box. */
  boxBadges?: readonly NodeBadge[];
}

export function nodeData(n: ViewNode, context: NodeContext = { parent: n.parent }): CyNodeData {
  const health = healthRows[n.health];
  const shapeKind = n.isServiceEntry ? "serviceEntry" : n.kind;
  const data: CyNodeData = {
    id: n.id,
    label: n.label,
    shape: shapeOf(shapeKind),
    healthColour: health.colour,
    borderStyle: health.border,
    borderWidth: health.borderWidth,
  };
  if (context.parent) data.parent = context.parent;
  const badges = n.badges.filter((b) => !context.boxBadges?.includes(b));
  const image = n.kind === "box" ? badgeStripUri(badges) : nodeImageUri(n.health, badges, n.isInaccessible);
  if (image) data.image = image;
  return data;
}

export function nodeClasses(n: ViewNode): string[] {
  const classes: string[] = [];
  if (n.kind === "box") classes.push("box");
  if (n.isIdle) classes.push("idle");
  if (n.isDead) classes.push("dead");
  if (n.isInaccessible) classes.push("inaccessible");
  if (n.compare) classes.push(`compare-${n.compare.status}`);
  return classes;
}

export interface CyNodeElement {
  data: CyNodeData;
  classes: string[];
}

/**
 * Every node the canvas draws, parents before children (Cytoscape needs a parent to exist
 * first): a box per namespace when nodes of several namespaces are drawn (as Kiali's
 * boxByNamespace), then the API's app boxes, then the nodes.
 */
export function nodeElements(nodes: readonly ViewNode[]): CyNodeElement[] {
  const boxed = namespaceBoxesOf(nodes.filter((n) => n.kind !== "box"));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const namespaceBoxes: CyNodeElement[] = [...boxed].sort().map((namespace) => ({
    data: {
      id: namespaceBoxId(namespace),
      label: namespace,
      shape: "round-rectangle",
      healthColour: healthRows.na.colour,
      borderStyle: "solid",
      borderWidth: 1,
    },
    classes: ["box", "namespace-box"],
  }));
  const parentOf = (n: ViewNode) => {
    const box = n.parent ? byId.get(n.parent) : undefined;
    if (box) return box.id;
    return boxed.has(n.namespace) ? namespaceBoxId(n.namespace) : undefined;
  };
  const element = (n: ViewNode): CyNodeElement => {
    const box = n.parent ? byId.get(n.parent) : undefined;
    return { data: nodeData(n, { parent: parentOf(n), boxBadges: box?.badges }), classes: nodeClasses(n) };
  };
  const appBoxes = nodes.filter((n) => n.kind === "box").map(element);
  const leaves = nodes.filter((n) => n.kind !== "box").map(element);
  return [...namespaceBoxes, ...appBoxes, ...leaves];
}

/** Cytoscape class per marked security state: cy-stylesheet.ts draws each its own mid-edge marker. */
const securityClass = { mtls: "mtls", partialMtls: "mtls-partial" } as const;

/**
 * With the Security display on, a marked edge's label starts with its marker (a lock, as
 * Kiali draws it), so the marker shows even when no edge labels are chosen.
 */
export function edgeData(e: ViewEdge, mode: EdgeLabelMode, colours: EdgeColours, security = false): CyEdgeData {
  // In Compare mode the delta is the label (lib/graph-view/compare-view.ts).
  const label = e.compare ? e.compare.label : formatEdgeLabel(e, mode);
  const marker = security ? securityMarkerOf(e)?.marker : undefined;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: marker ? [marker, label].filter(Boolean).join(" ") : label,
    colour: edgeColour(e, colours),
    // Set even when it is undefined, so an edge that went idle stops moving on a refresh (data merges).
    motion: trafficMotionOf(e),
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
