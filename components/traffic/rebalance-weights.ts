/**
 * The linked sliders' arithmetic: weights are whole percentages that always total 100.
 * Moving one slider gives or takes the difference from the other unlocked sliders in
 * proportion to their weights (a slider at 0 stays at 0 unless all are at 0, then they
 * share evenly), rounded by largest remainder so the total stays exact. Locked sliders never
 * move, and a slider cannot go past what the unlocked others can give.
 */
export interface SliderWeight {
  subset: string;
  weight: number;
  locked: boolean;
}

/** Splits `amount` whole units over `shares` (≥ 0) proportionally, largest remainder first. */
function apportion(amount: number, shares: number[]): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  const basis = total > 0 ? shares : shares.map(() => 1);
  const sum = total > 0 ? total : shares.length;
  const exact = basis.map((s) => (amount * s) / sum);
  const out = exact.map(Math.floor);
  let left = amount - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

export function rebalanceWeights(weights: SliderWeight[], index: number, requested: number): SliderWeight[] {
  const moved = weights[index];
  if (!moved || moved.locked) return weights;
  const others = weights.map((w, i) => ({ w, i })).filter(({ w, i }) => i !== index && !w.locked);
  const lockedTotal = weights.reduce((s, w, i) => (i !== index && w.locked ? s + w.weight : s), 0);
  if (others.length === 0) return weights;
  const value = Math.min(Math.max(Math.round(requested), 0), 100 - lockedTotal);
  const delta = value - moved.weight;
  if (delta === 0) return weights;
  const next = weights.map((w) => ({ ...w }));
  next[index] = { ...moved, weight: value };
  if (delta > 0) {
    // Take from the others in proportion to what they hold.
    const taken = apportion(
      delta,
      others.map(({ w }) => w.weight),
    );
    others.forEach(({ i }, k) => (next[i] = { ...next[i]!, weight: next[i]!.weight - (taken[k] ?? 0) }));
  } else {
    const given = apportion(
      -delta,
      others.map(({ w }) => w.weight),
    );
    others.forEach(({ i }, k) => (next[i] = { ...next[i]!, weight: next[i]!.weight + (given[k] ?? 0) }));
  }
  return next;
}

/** Takes one slider away, its weight going to the unlocked others as moving it to 0 would. */
export function removeWeight(weights: SliderWeight[], index: number): SliderWeight[] {
  return rebalanceWeights(weights, index, 0).filter((_, i) => i !== index);
}

/** Shares what the locked sliders leave evenly over the unlocked ones (the first ones take the remainder). */
export function evenSplitWeights(weights: SliderWeight[]): SliderWeight[] {
  const unlocked = weights.filter((w) => !w.locked).length;
  if (unlocked === 0) return weights;
  const free = 100 - weights.reduce((s, w) => (w.locked ? s + w.weight : s), 0);
  const shares = apportion(
    free,
    weights.filter((w) => !w.locked).map(() => 1),
  );
  let k = 0;
  return weights.map((w) => (w.locked ? w : { ...w, weight: shares[k++] ?? 0 }));
}

export const totalWeight = (weights: { weight: number }[]) => weights.reduce((s, w) => s + w.weight, 0);
