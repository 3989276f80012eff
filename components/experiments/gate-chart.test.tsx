/** The gate chart as a reader sees it: B against its threshold, and A beside it as the baseline when measured. */
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { GateChart } from "./gate-chart";
import type { GateSeries } from "./timeline-model";

afterEach(cleanup);

const point = (t: number, value: number, baseline?: number) => ({
  t,
  value,
  pass: value >= 99,
  phase: "step" as const,
  step: 0,
  decisive: false,
  windowSeconds: 10,
  ...(baseline !== undefined ? { baseline } : {}),
});

const series = (withA: boolean): GateSeries => ({
  gate: "successRate",
  label: "v3 success rate %",
  op: ">=",
  threshold: 99,
  points: [point(5, 99.5, withA ? 99.9 : undefined), point(10, 98.2, withA ? 99.7 : undefined)],
  ...(withA ? { baselineLabel: "v1 (A)" } : {}),
});

describe("a gate chart", () => {
  it("names A as the baseline beside B, and says both last values in words", () => {
    render(<GateChart series={series(true)} spans={[]} />);
    expect(screen.getByText("v1 (A), baseline")).toBeTruthy();
    expect(screen.getByText(/last 98\.20 at 10s \(v1 \(A\): 99\.70\)/)).toBeTruthy();
  });

  it("draws no baseline for a gate without A (a fault's hypothesis, an older canary)", () => {
    render(<GateChart series={series(false)} spans={[]} />);
    expect(screen.queryByText(/baseline/)).toBeNull();
    expect(screen.getByText(/last 98\.20 at 10s$/)).toBeTruthy();
  });
});
