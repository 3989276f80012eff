/** Kiali's number formats: rates with 2 decimals, percentages with 1. */
import "server-only";

export function formatRate(value: number): string {
  return (Number.isFinite(value) ? value : 0).toFixed(2);
}

export function formatPercent(value: number): string {
  return (Number.isFinite(value) ? value : 0).toFixed(1);
}

export function percentOf(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}
