/**
 * Vitest setup for the component project. jsdom has no layout and no ResizeObserver. Radix's
 * slider (the traffic-shifting wizard's weights) measures its thumb with one and throws without
 * it; Recharts' ResponsiveContainer (the graph panel's, metrics tab's and experiment gate charts)
 * watches its size with one when there is one. An observer that never reports stands in for it:
 * the tests read labels, legends and text, not sizes.
 *
 * With it, a ResponsiveContainer measures its layout-less box as 0×0 and draws no plot (its
 * legend is plain HTML and still shows); a test that needs the plot itself removes the observer
 * so that Recharts keeps the chart's initialDimension (components/metrics/metric-chart.test.tsx).
 *
 * Assigned rather than `vi.stubGlobal`-ed so that a test's `vi.unstubAllGlobals()` (used to undo
 * its own fetch stub) does not take it away from the tests after it in the same file.
 */
class NoLayoutResizeObserver implements ResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

globalThis.ResizeObserver ??= NoLayoutResizeObserver;
