import { describe, expect, it } from "vitest";
import type { GraphEdge, GraphNode, GraphResponse } from "@/lib/contracts/graph";
import { hideNamespaces } from "./hide-namespaces";

const node = (id: string, namespace: string, parent?: string): GraphNode => ({
  data: { id, nodeType: "workload", cluster: "c", namespace, workload: id, ...(parent ? { parent } : {}) },
});
const edge = (source: string, target: string): GraphEdge => ({
  data: { id: `${source}->${target}`, source, target, traffic: { protocol: "http", rates: {}, responses: {} } },
});
const graph = (nodes: GraphNode[], edges: GraphEdge[]): GraphResponse => ({
  timestamp: 0,
  duration: 60,
  graphType: "workload",
  elements: { nodes, edges },
});

describe("hideNamespaces", () => {
  it("drops the peers of a hidden namespace and their edges, keeping the viewer's nodes", () => {
    const hidden = hideNamespaces(
      graph(
        [node("productpage", "bookinfo"), node("reviews", "bookinfo"), node("httpbin", "httpbin")],
        [edge("productpage", "reviews"), edge("httpbin", "productpage")],
      ),
      new Set(["httpbin"]),
    );
    expect(hidden.elements.nodes.map((n) => n.data.id)).toEqual(["productpage", "reviews"]);
    expect(hidden.elements.edges.map((e) => e.data.id)).toEqual(["productpage->reviews"]);
  });

  it("leaves the graph as it is when nothing is hidden", () => {
    const whole = graph([node("httpbin", "httpbin")], []);
    expect(hideNamespaces(whole, new Set())).toBe(whole);
  });
});
