import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { nodeMetricsTarget, rangeFor } from "./node-metrics-target";
import { toViewGraph } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const node = (id: string) => graph.nodeById.get(id)!;

describe("the metrics a node's chart reads", () => {
  it("reads one version's workload for a versioned app, the application for its box", () => {
    expect(nodeMetricsTarget(node("rv-v2"), 300)).toEqual({
      kind: "workloads",
      namespace: "bookinfo",
      name: "reviews-v2",
      range: 300,
    });
    expect(nodeMetricsTarget(node("rv-box"), 300)).toEqual({
      kind: "applications",
      namespace: "bookinfo",
      name: "reviews",
      range: 300,
    });
  });

  it("reads a service node's service and a workload node's workload", () => {
    expect(nodeMetricsTarget(node("db"), 300)?.kind).toBe("services");
    expect(nodeMetricsTarget(node("gw"), 300)).toMatchObject({
      kind: "workloads",
      name: "istio-ingressgateway",
      namespace: "istio-system",
    });
  });

  it("picks the smallest range covering the window, capped at the largest", () => {
    expect(rangeFor(60)).toBe(300);
    expect(rangeFor(600)).toBe(900);
    expect(rangeFor(3600)).toBe(3600);
    expect(rangeFor(86_400)).toBe(21_600);
  });
});
