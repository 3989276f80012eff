/**
 * An edge's transport security, as the graph's Security display shows it (Kiali's Display →
 * Security): all of the edge's traffic over mutual TLS, only part of it (a PERMISSIVE
 * destination that still takes plaintext from some callers, or a migration half done), or
 * none. The canvas, the legend and the accessible edge list read the same rows, so what a
 * screen reader hears is what the canvas marks.
 */
import { formatPercent } from "./edge-labels";
import type { ViewEdge } from "./view-model";

export type EdgeSecurity = "mtls" | "partialMtls" | "plaintext" | "unknown";

/**
 * `isMTLS` is a percentage with one decimal (lib/contracts/graph.ts): "100.0" is full mTLS,
 * anything above zero and below it is partial. Absent means the graph did not say.
 */
export function edgeSecurity(e: Pick<ViewEdge, "mtlsPct">): EdgeSecurity {
  if (e.mtlsPct === undefined) return "unknown";
  if (e.mtlsPct >= 100) return "mtls";
  return e.mtlsPct > 0 ? "partialMtls" : "plaintext";
}

export type MarkedSecurity = Extract<EdgeSecurity, "mtls" | "partialMtls">;

export interface SecurityMarkerRow {
  security: MarkedSecurity;
  /** Prefixed to the edge's label on the canvas and shown in the edge list. */
  marker: string;
  /** The legend's words for the marker. */
  legend: string;
  /** What the edge list says after the edge's name, for screen readers and tests. */
  describe: (e: Pick<ViewEdge, "mtlsPct">) => string;
}

export const securityMarkerRows: Record<MarkedSecurity, SecurityMarkerRow> = {
  mtls: {
    security: "mtls",
    marker: "🔒",
    legend: "Lock and filled square mid-edge: all traffic over mutual TLS",
    describe: () => "mTLS",
  },
  partialMtls: {
    security: "partialMtls",
    marker: "🔒 partial",
    legend: "“partial” and hollow square mid-edge: only part of the traffic over mutual TLS, the rest plaintext",
    describe: (e) => `partial mTLS (${formatPercent(e.mtlsPct ?? 0)})`,
  },
};

/** The marker row for an edge the Security display marks, or undefined for plaintext and unknown edges. */
export function securityMarkerOf(e: Pick<ViewEdge, "mtlsPct">): SecurityMarkerRow | undefined {
  const security = edgeSecurity(e);
  return security === "mtls" || security === "partialMtls" ? securityMarkerRows[security] : undefined;
}

const mtlsWords: Record<EdgeSecurity, (e: Pick<ViewEdge, "mtlsPct">) => string> = {
  unknown: () => "unknown",
  plaintext: () => "no",
  mtls: () => "yes, all traffic",
  partialMtls: (e) => `partial, ${formatPercent(e.mtlsPct ?? 0)} of traffic (the rest plaintext)`,
};

/** The edge panel's words for an edge's mTLS share. */
export function describeMtls(e: Pick<ViewEdge, "mtlsPct">): string {
  return mtlsWords[edgeSecurity(e)](e);
}
