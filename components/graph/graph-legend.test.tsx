/** The legend as a reader sees it: what the traffic animation's speed and marks mean. */
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { GraphLegend } from "./graph-legend";
import { healthRows } from "./graph-styles";

afterEach(cleanup);

describe("the graph legend", () => {
  it("explains the traffic animation: faster for more requests/s, red marks for errors", () => {
    render(<GraphLegend security={false} theme="light" />);
    const animation = screen.getByTestId("legend-animation");
    expect(animation.textContent).toMatch(/faster.*more requests\/s/i);
    expect(animation.textContent).toMatch(/red marks = errors/);
    const mark = (kind: string) => animation.querySelector(`[data-legend-mark="${kind}"]`)!;
    expect(mark("requests").textContent).toContain("requests");
    expect(mark("bytes").textContent).toContain("TCP");
    expect(within(mark("error") as HTMLElement).getByText(/cross/)).toBeTruthy();
  });

  it("draws error marks in the failure colour and in a shape of their own, for readers who do not see red", () => {
    render(<GraphLegend security={false} theme="dark" />);
    const animation = screen.getByTestId("legend-animation");
    const shapeOf = (kind: string) =>
      animation.querySelector(`[data-legend-mark="${kind}"] path[transform]`)!.getAttribute("d");
    const error = animation.querySelector('[data-legend-mark="error"] path[transform]')!;
    expect(error.getAttribute("fill")).toBe(healthRows.failure.colour);
    expect(new Set([shapeOf("requests"), shapeOf("bytes"), shapeOf("error")]).size).toBe(3);
  });
});
