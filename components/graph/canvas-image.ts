/**
 * The canvas as an image file: PNG from Cytoscape itself, SVG from the cytoscape-svg
 * extension, loaded and registered on first use (once per page): it reads `window` as it
 * loads, so it cannot be imported where the page renders on the server, and the graph's first
 * paint does not carry it. The whole graph is exported, not just the part in view, on the canvas's
 * own background so outlined labels read as on screen; PNG at twice the size for sharp text,
 * capped below the browsers' canvas limit (about 16,384 px a side) on very large graphs.
 */
import cytoscape from "cytoscape";
import type { ImageFormat } from "@/lib/graph-view/export-files";

declare module "cytoscape" {
  interface Core {
    /** Added by cytoscape-svg. */
    svg(options?: { full?: boolean; scale?: number; bg?: string }): string;
  }
}

let svgRegistered: Promise<void> | undefined;

function registerSvg(): Promise<void> {
  svgRegistered ??= import("cytoscape-svg").then(({ default: extension }) => {
    cytoscape.use(extension);
  });
  return svgRegistered;
}

export async function canvasImage(cy: cytoscape.Core, format: ImageFormat, background: string): Promise<Blob> {
  if (format === "png")
    return cy.png({ full: true, output: "blob", bg: background, scale: 2, maxWidth: 16_000, maxHeight: 16_000 });
  await registerSvg();
  return new Blob([cy.svg({ full: true, bg: background })], { type: "image/svg+xml;charset=utf-8" });
}
