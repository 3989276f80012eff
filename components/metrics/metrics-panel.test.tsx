import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { MetricChart, MetricSeries, MetricsResponse } from "@/lib/contracts/metrics";
import { SeriesChart } from "@/components/graph/series-chart";
import { MetricsPanel } from "./metrics-panel";

const points: MetricSeries["points"] = [
  [1_700_000_000, 1],
  [1_700_000_030, 2],
];
const series = (name: string, labels: Record<string, string>): MetricSeries => ({ name, labels, points });
const v = (version: string, code?: string) =>
  series(code ? `${version} · ${code}` : version, {
    destination_canonical_revision: version,
    ...(code ? { response_code: code } : {}),
  });

const requestRate: MetricChart = {
  id: "requestRate",
  title: "Request rate by version and response code",
  unit: "rps",
  series: [v("v1", "200"), v("v2", "200"), v("v2", "503"), v("v3", "200")],
};
// Only v2 failed: by position in its own legend, v2 would take the first colour here.
const errorRate: MetricChart = { id: "errorRate", title: "Error rate by version", unit: "percent", series: [v("v2")] };
const metrics: MetricsResponse = {
  direction: "inbound",
  start: 1_700_000_000,
  end: 1_700_000_030,
  stepSeconds: 30,
  charts: [requestRate, errorRate],
};

/** The colour of a legend entry's swatch. */
function swatchColour(legend: HTMLElement, seriesName: string): string | null {
  return legend.querySelector(`[data-series="${seriesName}"] svg`)?.getAttribute("data-colour") ?? null;
}

describe("colours of versions across a page's charts", () => {
  afterEach(cleanup);

  it("draws v2 in one colour in the request-rate and error-rate legends, and v1, v2, v3 apart", () => {
    render(<MetricsPanel metrics={metrics} />);
    const rates = screen.getByRole("list", { name: `${requestRate.title}: series` });
    const errors = screen.getByRole("list", { name: `${errorRate.title}: series` });
    const v2 = swatchColour(rates, "v2 · 200");
    expect(v2).toMatch(/^#/);
    expect(swatchColour(errors, "v2")).toBe(v2);
    expect(swatchColour(rates, "v2 · 503")).toBe(v2);
    expect(new Set(["v1 · 200", "v2 · 200", "v3 · 200"].map((n) => swatchColour(rates, n))).size).toBe(3);
  });

  it("gives v2 the same colour in the graph's node panel as on the metrics tab", () => {
    render(<MetricsPanel metrics={metrics} />);
    const tabColour = swatchColour(screen.getByRole("list", { name: `${errorRate.title}: series` }), "v2");
    cleanup();
    render(<SeriesChart chart={{ ...requestRate, series: [v("v2", "200"), v("v3", "200")] }} label="Inbound" />);
    const panel = screen.getByRole("figure", { name: "Inbound" });
    expect(within(panel).getByText("v2 · 200")).toBeTruthy();
    expect(swatchColour(panel, "v2 · 200")).toBe(tabColour);
  });
});
