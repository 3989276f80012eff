import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { DiffLine } from "@/lib/contracts/traffic";
import { YamlDiff } from "./yaml-diff";

afterEach(cleanup);

const same = (n: number, from: number): DiffLine[] =>
  Array.from({ length: n }, (_, i) => ({ op: "same", text: `  line-${from + i}: x` }));
const diff: DiffLine[] = [
  ...same(30, 1),
  { op: "remove", text: "  weight: 90" },
  { op: "add", text: "  weight: 50" },
  ...same(30, 31),
];

describe("YamlDiff with unchanged lines collapsed", () => {
  it("shows the change with three lines of context first, and the rest as counts", () => {
    render(<YamlDiff title="VirtualService bookinfo/reviews" diff={diff} omitted={null} collapseUnchanged />);
    const shown = screen.getByTestId("yaml-diff");
    expect(shown.textContent).toContain("weight: 90");
    expect(shown.textContent).toContain("line-30: x");
    expect(shown.textContent).not.toContain("line-27: x");
    expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual([
      "⋯ 27 unchanged lines (show)",
      "⋯ 27 unchanged lines (show)",
    ]);
  });

  it("opens a fold in place when asked", async () => {
    render(<YamlDiff title="VirtualService bookinfo/reviews" diff={diff} omitted={null} collapseUnchanged />);
    await userEvent.click(screen.getAllByRole("button", { name: /unchanged lines/ })[0]!);
    expect(screen.getByTestId("yaml-diff").textContent).toContain("line-1: x");
    expect(screen.getAllByRole("button", { name: /unchanged lines/ })).toHaveLength(1);
  });

  it("lists every line when not asked to collapse", () => {
    render(<YamlDiff title="VirtualService bookinfo/reviews" diff={diff} omitted={null} />);
    expect(screen.getByTestId("yaml-diff").textContent).toContain("line-1: x");
    expect(screen.queryByRole("button")).toBeNull();
  });
});
