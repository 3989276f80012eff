/** Kiali's number formats: rates with 2 decimals, percentages with 1, an edge's mTLS % and throughput whole. */
import "server-only";

/**
 * `value.toFixed(digits)` (scale = 10^digits), with the common case done in integer
 * arithmetic: toFixed is a runtime call, and a build formats ~60,000 figures. Scaling
 * carries a rounding error below 1e-8 for values under 1e6, so when the scaled value is
 * not within 1e-7 of a tie, the nearest integer is the one toFixed's exact decimal
 * rounding picks; ties, negatives, huge values and NaN go to toFixed itself.
 */
function fixed(value: number, digits: 1 | 2, scale: 10 | 100): string {
  if (!(value >= 0 && value < 1e6)) return value.toFixed(digits);
  const x = value * scale;
  const n = Math.round(x);
  if (Math.abs(x - n) > 0.4999999) return value.toFixed(digits);
  const frac = n % scale;
  const whole = (n - frac) / scale;
  return digits === 2 && frac < 10 ? `${whole}.0${frac}` : `${whole}.${frac}`;
}

export function formatRate(value: number): string {
  return fixed(Number.isFinite(value) ? value : 0, 2, 100);
}

export function formatPercent(value: number): string {
  return fixed(Number.isFinite(value) ? value : 0, 1, 10);
}

/**
 * A whole number as Go's `%.0f` writes it (Kiali's isMTLS and throughput): ties to even, so
 * 50.5 is "50" and 51.5 is "52".
 */
export function formatWhole(value: number): string {
  const v = Number.isFinite(value) ? value : 0;
  const floor = Math.floor(v);
  const rest = v - floor;
  const n = rest > 0.5 || (rest === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return String(n);
}
