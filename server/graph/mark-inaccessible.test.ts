import { describe, expect, it } from "vitest";
import type { GraphNode, GraphResponse } from "@/lib/contracts/graph";
import { markInaccessible } from "./mark-inaccessible";

const node = (id: string, namespace: string, more: Partial<GraphNode["data"]> = {}): GraphNode => ({
  data: { id, nodeType: "workload", cluster: "c", namespace, workload: id, ...more },
});
const graph = (nodes: GraphNode[]): GraphResponse => ({
  timestamp: 0,
  duration: 60,
  graphType: "versionedApp",
  elements: {
    nodes,
    edges: [
      {
        data: {
          id: "e",
          source: "fortio",
          target: "productpage",
          traffic: { protocol: "http", rates: {}, responses: {} },
        },
      },
    ],
  },
});

describe("markInaccessible", () => {
  it("marks every node of a namespace whose workloads the viewer may not read, app boxes included, and keeps its edges", () => {
    const marked = markInaccessible(
      graph([
        node("productpage", "bookinfo"),
        node("fortio", "httpbin"),
        node("box-httpbin", "httpbin", { nodeType: "box", isBox: "app", app: "httpbin" }),
      ]),
      new Set(["httpbin"]),
    );
    expect(marked.elements.nodes.map((n) => [n.data.id, n.data.isInaccessible])).toEqual([
      ["productpage", undefined],
      ["fortio", true],
      ["box-httpbin", true],
    ]);
    expect(marked.elements.edges.map((e) => e.data.id)).toEqual(["e"]);
  });

  it("writes no isInaccessible field on the others, as Kiali omits it when false", () => {
    const marked = markInaccessible(
      graph([node("productpage", "bookinfo"), node("fortio", "httpbin")]),
      new Set(["httpbin"]),
    );
    expect(JSON.stringify(marked.elements.nodes[0])).not.toContain("isInaccessible");
  });

  it("leaves unknown peers alone: only the namespaces named are marked", () => {
    const marked = markInaccessible(
      graph([node("unknown", "unknown", { nodeType: "unknown" }), node("fortio", "httpbin")]),
      new Set(["httpbin"]),
    );
    expect(marked.elements.nodes.find((n) => n.data.id === "unknown")?.data.isInaccessible).toBeUndefined();
  });

  it("returns the graph as it is when every namespace shown is readable", () => {
    const whole = graph([node("fortio", "httpbin")]);
    expect(markInaccessible(whole, new Set())).toBe(whole);
  });
});
