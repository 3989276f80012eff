import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphNode, GraphNodeData, GraphResponse } from "@/lib/contracts/graph";
import { markInaccessible } from "./mark-inaccessible";

const node = (id: string, namespace: string, more: Partial<GraphNodeData> = {}): GraphNode => ({
  data: { id, nodeType: "workload", cluster: "c", namespace, workload: id, ...more },
});
const edge = (source: string, target: string): GraphEdge => ({
  data: {
    id: `${source}->${target}`,
    source,
    target,
    traffic: { protocol: "http", rates: { http: "1.00" }, responses: {} },
  },
});
const graph = (nodes: GraphNode[], edges: GraphEdge[]): GraphResponse => ({
  timestamp: 0,
  duration: 60,
  graphType: "workload",
  elements: { nodes, edges },
});

describe("markInaccessible", () => {
  it("keeps a peer of a namespace the viewer may not read as an inaccessible node: identity and traffic, no details", () => {
    const marked = markInaccessible(
      graph(
        [
          node("productpage", "bookinfo"),
          node("httpbin-box", "httpbin", { nodeType: "box", isBox: "app", app: "httpbin" }),
          node("httpbin", "httpbin", {
            parent: "httpbin-box",
            isOutside: true,
            hasVS: true,
            isDead: true,
            healthData: { status: "failure" },
            destServices: [{ cluster: "c", namespace: "httpbin", name: "httpbin" }],
            traffic: [{ protocol: "http", rates: { httpOut: "1.00" } }],
          }),
        ],
        [edge("httpbin", "productpage")],
      ),
      new Set(["httpbin"]),
    );
    expect(marked.elements.nodes.map((n) => n.data)).toEqual([
      { id: "productpage", nodeType: "workload", cluster: "c", namespace: "bookinfo", workload: "productpage" },
      {
        id: "httpbin",
        nodeType: "workload",
        cluster: "c",
        namespace: "httpbin",
        workload: "httpbin",
        isOutside: true,
        traffic: [{ protocol: "http", rates: { httpOut: "1.00" } }],
        isInaccessible: true,
      },
    ]);
    expect(marked.elements.edges.map((e) => e.data.id)).toEqual(["httpbin->productpage"]);
  });

  it("leaves the graph as it is when every namespace may be read", () => {
    const whole = graph([node("httpbin", "httpbin")], []);
    expect(markInaccessible(whole, new Set())).toBe(whole);
  });
});
