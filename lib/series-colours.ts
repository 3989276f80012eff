/**
 * One colour per version on every chart (issue 21): the charts of a page colour a series by
 * the version it measures, never by its position in one chart's legend — v2 is the same
 * colour in the request-rate chart, the error-rate chart and the node panel. Lines of one
 * version that differ by another label (response code, quantile) differ by dash instead.
 *
 * `v1`, `v2`, … take the palette in order, so the usual versions never share a colour and
 * keep it across pages. Other keys (`stable`, outbound `reviews · v2`) take the colours no
 * `vN` key of the page uses, in sorted order, so they stay apart while colours last.
 */

/** Ten hues that read on white and on slate-900. */
export const seriesPalette = [
  "#0284c7",
  "#16a34a",
  "#9333ea",
  "#ea580c",
  "#db2777",
  "#0d9488",
  "#ca8a04",
  "#4f46e5",
  "#65a30d",
  "#dc2626",
] as const;

/** For series that measure no version (a quantile, the total) and for a version Istio could not name. */
export const neutralSeriesColour = "#64748b";

const numbered = /^v(\d+)$/;
const unnamed = new Set(["", "unknown", "latest"]);

function fixedSlot(key: string): number | undefined {
  const n = numbered.exec(key);
  return n ? (Number(n[1]) + seriesPalette.length - 1) % seriesPalette.length : undefined;
}

/** A stable index for a key no page-level assignment placed (FNV-1a over its characters). */
function hashSlot(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h % seriesPalette.length;
}

/** The colour of one version anywhere in the console, e.g. a gate chart's canary subset. */
export function colourForVersion(version: string): string {
  if (unnamed.has(version)) return neutralSeriesColour;
  return seriesPalette[fixedSlot(version) ?? hashSlot(version)]!;
}

/** Colours for every version key of one page: `vN` keep their own; the others share out the colours left. */
export function assignSeriesColours(keys: Iterable<string>): (key: string | undefined) => string {
  const all = [...new Set(keys)].filter((k) => !unnamed.has(k));
  const taken = new Set(all.map(fixedSlot).filter((s) => s !== undefined));
  const free = seriesPalette.map((_, i) => i).filter((i) => !taken.has(i));
  const others = all
    .filter((k) => fixedSlot(k) === undefined)
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  const slots = new Map(others.map((k, i) => [k, free[i] ?? hashSlot(k)]));
  return (key) => {
    if (key === undefined || unnamed.has(key)) return neutralSeriesColour;
    const slot = fixedSlot(key) ?? slots.get(key);
    return slot === undefined ? colourForVersion(key) : seriesPalette[slot]!;
  };
}

/** The labels that name what version a metrics series measures (server/metrics/metric-queries.ts `versionLabels`). */
const versionKeyLabels = ["destination_canonical_service", "destination_canonical_revision"] as const;

/** A series' version key, e.g. `v2` inbound or `reviews · v2` outbound; undefined when it measures no version. */
export function versionKeyOf(labels: Readonly<Record<string, string>>): string | undefined {
  const parts = versionKeyLabels.filter((l) => l in labels).map((l) => labels[l] || "unknown");
  return parts.length > 0 ? parts.join(" · ") : undefined;
}

/** SVG dash patterns for the lines of one colour: by response code class, or by quantile. */
const dashByCodeClass: Record<string, string | undefined> = { "2": undefined, "3": "2 2", "4": "6 3", "5": "1 3" };
const dashByQuantile: Record<string, string | undefined> = { p50: undefined, p95: "6 3", p99: "2 2" };

/** How a series' line is dashed, so the lines of one version (or the quantiles) stay apart; undefined is solid. */
export function dashOfSeries(labels: Readonly<Record<string, string>>): string | undefined {
  const code = labels.response_code;
  if (code !== undefined) return code[0] && code[0] in dashByCodeClass ? dashByCodeClass[code[0]] : "8 2 2 2";
  const quantile = labels.quantile;
  return quantile !== undefined ? dashByQuantile[quantile] : undefined;
}
