import { describe, expect, it } from "vitest";
import { evenSplitWeights, rebalanceWeights, removeWeight, totalWeight, type SliderWeight } from "./rebalance-weights";

const sliders = (...ws: [string, number, boolean?][]): SliderWeight[] =>
  ws.map(([subset, weight, locked]) => ({ subset, weight, locked: locked ?? false }));
const weightsOf = (s: SliderWeight[]) => s.map((w) => w.weight);

describe("rebalanceWeights", () => {
  it("takes what one slider gains from the others in proportion to their weights", () => {
    expect(weightsOf(rebalanceWeights(sliders(["v1", 20], ["v2", 40], ["v3", 40]), 0, 40))).toEqual([40, 30, 30]);
  });

  it("gives back what one slider loses in proportion, keeping a slider at 0 at 0", () => {
    expect(weightsOf(rebalanceWeights(sliders(["v1", 34], ["v2", 33], ["v3", 33]), 1, 0))).toEqual([51, 0, 49]);
    expect(weightsOf(rebalanceWeights(sliders(["v1", 51], ["v2", 0], ["v3", 49]), 0, 50))).toEqual([50, 0, 50]);
  });

  it("shares evenly when every other slider is at 0", () => {
    expect(weightsOf(rebalanceWeights(sliders(["v1", 100], ["v2", 0], ["v3", 0]), 0, 40))).toEqual([40, 30, 30]);
  });

  it("never moves a locked slider, and stops at what the unlocked ones can give", () => {
    const s = sliders(["v1", 30], ["v2", 50, true], ["v3", 20]);
    expect(weightsOf(rebalanceWeights(s, 0, 90))).toEqual([50, 50, 0]);
    expect(rebalanceWeights(s, 1, 10)).toBe(s);
  });

  it("leaves everything as it is when no other slider can move", () => {
    const s = sliders(["v1", 60], ["v2", 40, true]);
    expect(rebalanceWeights(s, 0, 70)).toBe(s);
  });

  it("always totals 100, whatever is asked", () => {
    let s = sliders(["a", 25], ["b", 25], ["c", 25], ["d", 25]);
    for (const [i, v] of [
      [0, 77],
      [2, 3],
      [3, 100],
      [1, 13],
      [0, -5],
      [2, 250],
    ] as const) {
      s = rebalanceWeights(s, i, v);
      expect(totalWeight(s)).toBe(100);
      expect(s.every((w) => w.weight >= 0 && w.weight <= 100)).toBe(true);
    }
  });
});

describe("evenSplitWeights", () => {
  it("splits what the locked sliders leave", () => {
    expect(weightsOf(evenSplitWeights(sliders(["v1", 10], ["v2", 40, true], ["v3", 50])))).toEqual([30, 40, 30]);
    expect(weightsOf(evenSplitWeights(sliders(["v1", 0], ["v2", 0], ["v3", 100])))).toEqual([34, 33, 33]);
  });
});

describe("removeWeight", () => {
  it("gives the removed weight to the others in proportion, so they still total 100", () => {
    expect(weightsOf(removeWeight(sliders(["v1", 50], ["v2", 30], ["v3", 20]), 2))).toEqual([63, 37]);
    expect(weightsOf(removeWeight(sliders(["v1", 100], ["v2", 0]), 0))).toEqual([100]);
  });

  it("keeps a locked slider's weight", () => {
    expect(weightsOf(removeWeight(sliders(["v1", 50, true], ["v2", 30], ["v3", 20]), 2))).toEqual([50, 50]);
  });
});
