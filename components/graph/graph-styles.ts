/**
 * How each kind of node and each health state looks, as rows: the canvas stylesheet and
 * the legend both read these tables, so the legend cannot drift from the drawing.
 * Health is never colour alone: each state also has its own border style and a glyph.
 */
import type { HealthStatus, Protocol } from "@/lib/contracts/graph";
import type { NodeBadge, ViewNodeKind } from "@/lib/graph-view/view-model";
import type { TrafficUnit } from "@/lib/graph-view/traffic-motion";

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

export type TrafficMarkKind = TrafficUnit | "error";

export interface TrafficMarkRow {
  kind: TrafficMarkKind;
  label: string;
  /** An SVG path around (0, 0), about 1 unit in radius: the legend draws it and the canvas fills it (Path2D). */
  path: string;
  /** Fixed for errors (the failure colour, as a failing edge); request and byte marks take their edge's colour. */
  colour?: string;
}

/**
 * The traffic animation's marks (components/graph/traffic-animation.ts). Errors differ by shape
 * as well as colour — a cross, as the failure glyph — so they read without telling red apart.
 */
export const trafficMarkRows: Record<TrafficMarkKind, TrafficMarkRow> = {
  requests: { kind: "requests", label: "Dot: requests (HTTP, gRPC)", path: "M1 0A1 1 0 1 1-1 0A1 1 0 1 1 1 0Z" },
  bytes: { kind: "bytes", label: "Diamond: bytes (TCP)", path: "M0-1.3L1.3 0L0 1.3L-1.3 0Z" },
  error: {
    kind: "error",
    label: "Red cross: errors, in their share of the requests",
    path: "M0.66-1.25L1.25-0.66L0.59 0L1.25 0.66L0.66 1.25L0 0.59L-0.66 1.25L-1.25 0.66L-0.59 0L-1.25-0.66L-0.66-1.25L0-0.59Z",
    colour: healthRows.failure.colour,
  },
};
