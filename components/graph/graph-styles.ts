/**
 * How each kind of node and each health state looks, as rows: the canvas stylesheet and
 * the legend both read these tables, so the legend cannot drift from the drawing.
 * Health is never colour alone: each state also has its own border style and a glyph.
 */
import type { HealthStatus, Protocol } from "@/lib/contracts/graph";
import type { NodeBadge, ViewNodeKind } from "@/lib/graph-view/view-model";

export type CyShape = "round-rectangle" | "ellipse" | "round-triangle" | "round-tag" | "round-pentagon";

/**
 * The shapes Kiali users read (Kiali's GraphStyles getNodeShape): app rounded rectangle,
 * workload and unknown circle, service triangle, ServiceEntry tag, aggregate pentagon.
 * Gateways keep their kind's shape and carry the gateway badge, as in Kiali.
 */
export const nodeKindRows: { kind: ViewNodeKind | "serviceEntry"; label: string; shape: CyShape }[] = [
  { kind: "app", label: "App", shape: "round-rectangle" },
  { kind: "versionedApp", label: "Versioned app (boxed in its app)", shape: "round-rectangle" },
  { kind: "workload", label: "Workload", shape: "ellipse" },
  { kind: "service", label: "Service", shape: "round-triangle" },
  { kind: "serviceEntry", label: "ServiceEntry (external)", shape: "round-tag" },
  { kind: "unknown", label: "Unknown source (labelled unknown)", shape: "ellipse" },
  { kind: "aggregate", label: "Aggregate", shape: "round-pentagon" },
];

export const shapeOf = (kind: string): CyShape => nodeKindRows.find((r) => r.kind === kind)?.shape ?? "ellipse";

export interface HealthRow {
  status: HealthStatus;
  label: string;
  colour: string;
  border: "solid" | "dashed" | "double" | "dotted";
  borderWidth: number;
  /** Drawn inside the node; empty for healthy (the quiet default). */
  glyph: string;
}

export const healthRows: Record<HealthStatus, HealthRow> = {
  healthy: { status: "healthy", label: "Healthy", colour: "#15803d", border: "solid", borderWidth: 2, glyph: "" },
  degraded: { status: "degraded", label: "Degraded", colour: "#b45309", border: "dashed", borderWidth: 3, glyph: "!" },
  failure: { status: "failure", label: "Failure", colour: "#b91c1c", border: "double", borderWidth: 5, glyph: "✕" },
  na: { status: "na", label: "No health information", colour: "#64748b", border: "dotted", borderWidth: 2, glyph: "" },
  unknown: {
    status: "unknown",
    label: "Unknown (no metrics)",
    colour: "#64748b",
    border: "dotted",
    borderWidth: 2,
    glyph: "?",
  },
};

export interface BadgeRow {
  badge: NodeBadge;
  label: string;
  /** One or two characters in a circle; fonts everyone has. */
  glyph: string;
  colour: string;
}

export const badgeRows: BadgeRow[] = [
  { badge: "gateway", label: "Gateway (ingress or egress)", glyph: "G", colour: "#334155" },
  { badge: "virtualService", label: "VirtualService", glyph: "VS", colour: "#0369a1" },
  { badge: "requestRouting", label: "Request routing", glyph: "R", colour: "#0369a1" },
  { badge: "trafficShifting", label: "Traffic shifting", glyph: "%", colour: "#7c3aed" },
  { badge: "faultInjection", label: "Fault injection", glyph: "F", colour: "#be123c" },
  { badge: "circuitBreaker", label: "Circuit breaker", glyph: "CB", colour: "#a16207" },
  { badge: "mirroring", label: "Mirroring", glyph: "M", colour: "#0f766e" },
  { badge: "timeout", label: "Request timeout", glyph: "T", colour: "#4338ca" },
  { badge: "missingSidecar", label: "Missing sidecar", glyph: "⊘", colour: "#b91c1c" },
];

export interface EdgeProtocolRow {
  protocol: Protocol;
  label: string;
  /** Per theme, each readable on its canvas and apart from the health colours (orange, red). */
  colour: Record<"light" | "dark", string>;
}

/**
 * A healthy edge's colour says its protocol, as Kiali's legend does (HTTP, gRPC, TCP); an edge
 * with errors takes its health colour instead (lib/graph-view/edge-labels.ts `edgeHealth`), and
 * an edge without traffic stays the palette's quiet grey.
 */
export const edgeProtocolRows: Record<Protocol, EdgeProtocolRow> = {
  http: { protocol: "http", label: "HTTP", colour: { light: "#15803d", dark: "#4ade80" } },
  grpc: { protocol: "grpc", label: "gRPC", colour: { light: "#0e7490", dark: "#22d3ee" } },
  tcp: { protocol: "tcp", label: "TCP", colour: { light: "#1d4ed8", dark: "#60a5fa" } },
};
