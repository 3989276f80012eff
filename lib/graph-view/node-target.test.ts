import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { formatNodeTarget, isNodeOfTarget, nodeTargetOf, parseNodeTarget } from "./node-target";
import { toViewGraph } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const nodeById = (id: string) => graph.nodeById.get(id)!;
const targetText = (id: string) => {
  const target = nodeTargetOf(nodeById(id));
  return target && formatNodeTarget(target);
};

describe("the node a focus names", () => {
  it("names each drawn node as the node graph API does", () => {
    expect(targetText("rv-v2")).toBe("bookinfo/app/reviews/v2");
    expect(targetText("rv-box")).toBe("bookinfo/app/reviews");
    expect(targetText("db")).toBe("bookinfo/service/mysqldb");
    expect(targetText("gw")).toBe("istio-system/workload/istio-ingressgateway");
  });

  it("reads back what it writes, and finds the node it names", () => {
    const target = parseNodeTarget("bookinfo/app/reviews/v2");
    expect(target).toEqual({ kind: "app", namespace: "bookinfo", name: "reviews", version: "v2" });
    expect(graph.nodes.filter((n) => isNodeOfTarget(n, target!)).map((n) => n.id)).toEqual(["rv-v2"]);
    expect(
      graph.nodes.filter((n) => isNodeOfTarget(n, parseNodeTarget("bookinfo/app/reviews")!)).map((n) => n.id),
    ).toEqual(["rv-box"]);
  });

  it("ignores what is not a node's name: an older link's graph id, a version of a workload, a path", () => {
    expect(parseNodeTarget("3b30d44da635a942")).toBeUndefined();
    expect(parseNodeTarget("bookinfo/workload/reviews-v1/v1")).toBeUndefined();
    expect(parseNodeTarget("bookinfo/app/reviews/v1/x")).toBeUndefined();
    expect(parseNodeTarget("bookinfo/pod/reviews")).toBeUndefined();
  });

  it("gives no node graph to nodes no query can select: the mesh's unknown node, hosts outside the mesh", () => {
    const unknown = { ...nodeById("db"), kind: "unknown" as const, namespace: "unknown" };
    expect(nodeTargetOf(unknown)).toBeUndefined();
    expect(nodeTargetOf({ ...nodeById("db"), namespace: "unknown", service: "httpbin.org" })).toBeUndefined();
    expect(nodeTargetOf({ ...nodeById("db"), isServiceEntry: true })).toBeUndefined();
  });
});
