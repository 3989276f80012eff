/** The node side panel as a reader sees it, for a node they may read and one they may not (issue 20). */
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bookinfoGraph } from "@/lib/graph-view/__fixtures__/bookinfo-graph";
import { toViewGraph, toViewNode } from "@/lib/graph-view/view-model";
import { NodePanel } from "./node-panel";
import { renderWithQueryClient } from "@/components/test-support/render-with-query-client";

afterEach(cleanup);

const fetchSpy = vi.fn(() => new Promise<Response>(() => undefined));
beforeEach(() => {
  fetchSpy.mockClear();
  vi.stubGlobal("fetch", fetchSpy);
});

const graph = toViewGraph(bookinfoGraph);
const reviewsV2 = graph.nodeById.get("rv-v2")!;
const inaccessibleReviewsV2 = toViewNode({ ...reviewsV2.data, isInaccessible: true });

function renderPanel(node: typeof reviewsV2) {
  return renderWithQueryClient(<NodePanel node={node} graph={graph} onSelectEdge={() => undefined} />);
}

describe("the node panel", () => {
  it("links a node the viewer may read to its application and workload pages", () => {
    renderPanel(reviewsV2);
    const panel = screen.getByTestId("node-panel");
    const hrefs = within(panel)
      .getAllByRole("link")
      .map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(expect.arrayContaining([expect.stringContaining("reviews-v2")]));
    expect(screen.queryByTestId("node-inaccessible")).toBeNull();
    // Its chart and traces are asked for (the contrast with the inaccessible node below).
    expect(fetchSpy).toHaveBeenCalled();
  });

  it("says why an inaccessible node opens nothing, links no page and fetches nothing of the node's own", () => {
    renderPanel(inaccessibleReviewsV2);
    const panel = screen.getByTestId("node-panel");
    expect(within(panel).queryAllByRole("link")).toEqual([]);
    expect(screen.getByTestId("node-inaccessible").textContent).toBe(
      "You may not read workloads in namespace bookinfo.",
    );
    // What the graph measured is still there.
    expect(within(panel).getByText("HTTP in")).toBeTruthy();
    expect(within(panel).getByRole("heading", { level: 2 }).textContent).toBe("reviews v2");
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
