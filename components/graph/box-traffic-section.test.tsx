/** An app box's panel as a reader sees it: each caller once, with its total and its split per version. */
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { bookinfoGraph } from "@/lib/graph-view/__fixtures__/bookinfo-graph";
import { toViewGraph } from "@/lib/graph-view/view-model";
import { BoxTrafficSection } from "./box-traffic-section";

afterEach(cleanup);

const graph = toViewGraph(bookinfoGraph);

describe("the reviews box's panel", () => {
  it("lists productpage once as a caller, with the total and each version's share", () => {
    render(<BoxTrafficSection box={graph.nodeById.get("rv-box")!} graph={graph} onSelectEdge={() => undefined} />);
    const [inbound] = screen.getAllByTestId("box-peers");
    const callers = within(inbound!).getAllByText("productpage v1");
    expect(callers).toHaveLength(1);
    expect(inbound!.textContent).toContain("10.00 rps · 2.5% err");
    const versions = within(inbound!).getAllByRole("button");
    expect(versions.map((b) => b.textContent)).toEqual(["v150.0% · 5.00 rps", "v250.0% · 5.00 rps"]);
  });

  it("opens a version's edge from its row", () => {
    const onSelectEdge = vi.fn();
    render(<BoxTrafficSection box={graph.nodeById.get("rv-box")!} graph={graph} onSelectEdge={onSelectEdge} />);
    fireEvent.click(screen.getAllByRole("button", { name: /^v2/ })[0]!);
    expect(onSelectEdge).toHaveBeenCalledWith("e-pp-rv2");
  });
});
