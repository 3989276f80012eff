import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { nodeDetailPages } from "./node-detail";
import { toViewGraph, toViewNode } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const node = (id: string) => graph.nodeById.get(id)!;

describe("the detail pages a graph node links to", () => {
  it("opens a versioned app's application first and lists its workload beside it", () => {
    expect(nodeDetailPages(node("rv-v2"))).toEqual([
      { kind: "applications", namespace: "bookinfo", name: "reviews" },
      { kind: "workloads", namespace: "bookinfo", name: "reviews-v2" },
    ]);
  });

  it("opens an app box's application, a service node's service and a gateway's workload", () => {
    expect(nodeDetailPages(node("rv-box"))).toEqual([{ kind: "applications", namespace: "bookinfo", name: "reviews" }]);
    expect(nodeDetailPages(node("db"))).toEqual([{ kind: "services", namespace: "bookinfo", name: "mysqldb" }]);
    expect(nodeDetailPages(node("gw"))[0]).toEqual({
      kind: "workloads",
      namespace: "istio-system",
      name: "istio-ingressgateway",
    });
  });

  it("adds the services a node is reached through, once each, in its own namespace", () => {
    const pages = nodeDetailPages(
      toViewNode({
        ...bookinfoGraph.elements.nodes[3]!.data,
        destServices: [
          { cluster: "c", namespace: "bookinfo", name: "reviews" },
          { cluster: "c", namespace: "bookinfo", name: "reviews" },
          { cluster: "c", namespace: "other", name: "reviews" },
        ],
      }),
    );
    expect(pages.filter((p) => p.kind === "services")).toEqual([
      { kind: "services", namespace: "bookinfo", name: "reviews" },
    ]);
  });

  it("has no pages for nodes outside the inventory", () => {
    const unknown = toViewNode({ id: "u", nodeType: "unknown", cluster: "unknown", namespace: "unknown" });
    expect(nodeDetailPages(unknown)).toEqual([]);
    expect(nodeDetailPages({ ...node("db"), isServiceEntry: true })).toEqual([]);
  });

  it("has no pages for a node whose namespace's workloads the viewer may not read", () => {
    const inaccessible = toViewNode({ ...bookinfoGraph.elements.nodes[3]!.data, isInaccessible: true });
    expect(nodeDetailPages(inaccessible)).toEqual([]);
  });
});
