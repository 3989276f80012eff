/**
 * Weighted choice as Envoy's weighted clusters do it: each
 * destination gets weight/sum; a lone destination gets everything.
 */
import type { Random } from "./types";

export function pickWeighted<T extends { weight?: number }>(items: readonly T[], random: Random): T | undefined {
  if (items.length <= 1) return items[0];
  let total = 0;
  for (const item of items) total += Math.max(0, item.weight ?? 0);
  if (total <= 0) return items[0];
  let r = random() * total;
  for (const item of items) {
    const w = Math.max(0, item.weight ?? 0);
    if (w === 0) continue;
    if (r < w) return item;
    r -= w;
  }
  // Rounding: the last destination with weight.
  return [...items].reverse().find((i) => (i.weight ?? 0) > 0);
}

/** `percentage.value` (0–100, double) or the deprecated integer `percent`; absent means 0. */
export function percentOf(percentage: { value?: number } | undefined, legacyPercent?: number): number {
  if (percentage?.value !== undefined) return percentage.value;
  return legacyPercent ?? 0;
}

export function happens(percent: number, random: Random): boolean {
  if (percent <= 0) return false;
  if (percent >= 100) return true;
  return random() * 100 < percent;
}
