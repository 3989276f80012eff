/**
 * The graph's export menu as data: JSON and DOT come from the graph API (`format=`, Kiali's
 * JSON and Graphviz, lib/contracts/graph.ts), PNG and SVG from the canvas as drawn (Kiali
 * #7884). A new format is a new row. Files are named after what they show and when, so
 * several exports of a day sort and do not overwrite each other.
 */
import type { GraphFormat } from "@/lib/contracts/graph";

export type ImageFormat = "png" | "svg";

export type GraphExport =
  { from: "api"; format: GraphFormat; label: string } | { from: "canvas"; format: ImageFormat; label: string };

export const graphExports: readonly GraphExport[] = [
  { from: "api", format: "json", label: "JSON (Kiali's graph format)" },
  { from: "api", format: "dot", label: "DOT (Graphviz)" },
  { from: "canvas", format: "png", label: "PNG image" },
  { from: "canvas", format: "svg", label: "SVG image" },
];

/** `graph-bookinfo+httpbin-20231114-221320.png`; a focused graph is named after its node. */
export function graphExportFileName(
  view: { namespaces: readonly string[]; focus?: string },
  timestampSeconds: number,
  format: GraphExport["format"],
): string {
  const subject = view.focus ? view.focus.replaceAll("/", "-") : [...view.namespaces].sort().join("+") || "mesh";
  const at = new Date(timestampSeconds * 1000).toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `graph-${subject}-${at}.${format}`;
}
