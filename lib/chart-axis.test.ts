import { describe, expect, it } from "vitest";
import { axisWidthFor, niceTicks, valueAxis } from "./chart-axis";

describe("a chart's value axis", () => {
  it("ticks from zero past the largest value at round steps", () => {
    expect(niceTicks(3.7)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(950)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it("is as wide as its longest label needs, so long labels neither clip nor wrap", () => {
    const rps = (v: number) => `${v.toFixed(2)} rps`;
    const narrow = valueAxis([0.5, 2.4], rps, 11);
    const wide = valueAxis([1200, 1900], rps, 11);
    expect(narrow.ticks.map(rps).at(-1)).toBe("3.00 rps");
    expect(wide.ticks.map(rps).at(-1)).toBe("2000.00 rps");
    expect(wide.width).toBeGreaterThan(narrow.width);
    // Eleven-pixel digits are about seven pixels wide: "2000.00 rps" needs over 70 px of text.
    expect(wide.width).toBeGreaterThanOrEqual(axisWidthFor(["2000.00 rps"], 11));
    expect(axisWidthFor(["2000.00 rps"], 11)).toBeGreaterThan(11 * 7);
  });

  it("ignores gaps and draws an empty chart's axis from 0 to 1", () => {
    expect(valueAxis([null, Number.NaN], String, 11)).toMatchObject({ ticks: [0, 1], domain: [0, 1] });
  });
});
