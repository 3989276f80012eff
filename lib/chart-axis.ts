/**
 * A value axis the console draws itself (pure): round ticks from zero, and a width that fits
 * the longest tick label as formatted. Recharts guesses neither: a fixed width clips a long
 * label ("1024.0 KiB/s") or breaks it onto two lines ("2.00" over "rps").
 */

const niceSteps = [1, 2, 2.5, 5, 10];

/** Ticks from 0 past `max`, about `count` of them, at 1, 2, 2.5 or 5 times a power of ten. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = (niceSteps.find((s) => s * power >= rough) ?? 10) * power;
  const last = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision, so 0.1 + 0.2 is 0.3 and not 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = 0; i * step <= last + step / 2; i++) ticks.push(Number((i * step).toFixed(digits)));
  return ticks;
}

/** Average advance of a digit or letter in the charts' sans-serif, as a share of the font size. */
const charWidth = 0.62;
/** The tick mark and the gap between it and its label. */
const tickGap = 14;

/** The y axis' width in pixels for these tick labels at this font size. */
export function axisWidthFor(labels: readonly string[], fontSize: number): number {
  const longest = labels.reduce((n, l) => Math.max(n, l.length), 0);
  return Math.ceil(longest * fontSize * charWidth) + tickGap;
}

/** Ticks, domain and width of a y axis showing `values` with `format`. */
export function valueAxis(
  values: Iterable<number | null>,
  format: (value: number) => string,
  fontSize: number,
): { ticks: number[]; domain: [number, number]; width: number } {
  let max = 0;
  for (const v of values) if (v !== null && Number.isFinite(v) && v > max) max = v;
  const ticks = niceTicks(max);
  return { ticks, domain: [0, ticks.at(-1) ?? 1], width: axisWidthFor(ticks.map(format), fontSize) };
}
