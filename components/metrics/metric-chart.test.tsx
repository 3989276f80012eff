import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MetricChart as Chart } from "@/lib/contracts/metrics";
import { MetricChart } from "./metric-chart";

const chart: Chart = {
  id: "requestRate",
  title: "Request rate",
  unit: "rps",
  series: [
    {
      name: "reviews",
      labels: {},
      points: [
        [1000, 1],
        [1060, 2],
        [1120, 3],
      ],
    },
  ],
};

const label = "VirtualService reviews changed by someone (external) at 10:00";

describe("MetricChart markers", () => {
  // The markers are drawn on the plot, which Recharts draws in jsdom only at the chart's
  // initialDimension: with the setup's ResizeObserver (components/test-support/jsdom-setup.ts) it
  // would measure the layout-less container as 0×0 and draw none.
  beforeEach(() => vi.stubGlobal("ResizeObserver", undefined));
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("draws a change as a button named by who did what, and a click hands its id to the page", async () => {
    const onMarkerSelect = vi.fn();
    render(<MetricChart chart={chart} markers={[{ id: "e1", t: 1090, label }]} onMarkerSelect={onMarkerSelect} />);
    const marker = await screen.findByRole("button", { name: `Change: ${label}` });
    await userEvent.click(marker);
    expect(onMarkerSelect).toHaveBeenCalledWith("e1", marker);
  });

  it("still draws a change made after the chart's last sample", async () => {
    render(<MetricChart chart={chart} markers={[{ id: "late", t: 1150, label }]} onMarkerSelect={() => {}} />);
    expect(await screen.findByRole("button", { name: `Change: ${label}` })).toBeTruthy();
  });

  it("draws no marker without changes", () => {
    render(<MetricChart chart={chart} />);
    expect(screen.queryByRole("button")).toBeNull();
  });
});
