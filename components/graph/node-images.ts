/**
 * The picture drawn on a node: its health glyph inside, its badges in a row above. One SVG
 * per combination, as a data: URI (the CSP allows data: images; no script involved), cached
 * because a 1,000-node graph has only a handful of distinct combinations.
 */
import type { HealthStatus } from "@/lib/contracts/graph";
import type { NodeBadge } from "@/lib/graph-view/view-model";
import { badgeRows, healthRows } from "./graph-styles";

/** The image is larger than the node and centred on it, so badges sit above the node. */
export const nodeImage = { width: 96, height: 72, node: 40, badge: 15 };

const cache = new Map<string, string>();

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function badgeSvg(badge: NodeBadge, cx: number, cy: number, r: number): string {
  const row = badgeRows.find((b) => b.badge === badge);
  if (!row) return "";
  const size = row.glyph.length > 1 ? r * 0.95 : r * 1.3;
  return (
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${row.colour}" stroke="#fff" stroke-width="1"/>` +
    `<text x="${cx}" y="${cy}" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="${size}" fill="#fff">${escapeXml(row.glyph)}</text>`
  );
}

/**
 * Kiali's mark of an inaccessible node (a key over the node, GraphStyles' node-background-key),
 * here a small key in a grey disc at the node's lower right, drawn with lines so no font is
 * needed, leaving the centre to the health glyph.
 */
export function keySvg(cx: number, cy: number, r: number): string {
  const ring = r * 0.32;
  const bowX = cx - r * 0.3;
  const stroke = `stroke="#fff" stroke-width="${(r * 0.22).toFixed(2)}" stroke-linecap="round" fill="none"`;
  return (
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${inaccessibleColour}" stroke="#fff" stroke-width="1"/>` +
    `<circle cx="${bowX}" cy="${cy}" r="${ring}" ${stroke}/>` +
    `<path d="M${bowX + ring} ${cy}H${cx + r * 0.6}M${cx + r * 0.3} ${cy}v${r * 0.3}M${cx + r * 0.55} ${cy}v${r * 0.3}" ${stroke}/>`
  );
}

/** The grey of the key's disc (and the legend's swatch). */
export const inaccessibleColour = "#475569";

export function nodeImageUri(
  health: HealthStatus,
  badges: readonly NodeBadge[],
  inaccessible = false,
): string | undefined {
  const glyph = healthRows[health].glyph;
  if (!glyph && badges.length === 0 && !inaccessible) return undefined;
  const key = `${health}|${badges.join(",")}|${inaccessible}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { width, height, node, badge } = nodeImage;
  const r = badge / 2;
  const top = (height - node) / 2;
  const totalWidth = badges.length * (badge + 2) - 2;
  const parts = badges.map((b, i) => badgeSvg(b, width / 2 - totalWidth / 2 + r + i * (badge + 2), top - r - 1, r));
  if (glyph) {
    parts.push(
      `<text x="${width / 2}" y="${height / 2}" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-weight="700" font-size="18" fill="${healthRows[health].colour}">${escapeXml(glyph)}</text>`,
    );
  }
  if (inaccessible) parts.push(keySvg(width / 2 + node / 2 - 4, top + node - 4, 7));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
  const uri = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
  cache.set(key, uri);
  return uri;
}

/** An app box's badges, drawn once in its top-right corner (cy-stylesheet.ts `node.box[image]`). */
export function badgeStripUri(badges: readonly NodeBadge[]): string | undefined {
  if (badges.length === 0) return undefined;
  const key = `strip|${badges.join(",")}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const { badge } = nodeImage;
  const r = badge / 2;
  const width = badges.length * (badge + 2);
  const height = badge + 2;
  const parts = badges.map((b, i) => badgeSvg(b, 1 + r + i * (badge + 2), 1 + r, r));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>`;
  const uri = `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
  cache.set(key, uri);
  return uri;
}
