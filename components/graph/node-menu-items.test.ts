import { describe, expect, it } from "vitest";
import type { ViewNode } from "@/lib/graph-view/view-model";
import { nodeMenuItems } from "./node-menu-items";

const reviews = {
  id: "svc-reviews",
  kind: "service",
  namespace: "bookinfo",
  service: "reviews",
  isOutside: false,
  isServiceEntry: false,
  isGateway: false,
} as ViewNode;

const labelsFor = (node: ViewNode) => nodeMenuItems.filter((item) => item.appliesTo(node)).map((item) => item.label);

describe("the graph node menu of a service", () => {
  it("has one fault injection entry", () => {
    const fault = labelsFor(reviews).filter((label) => /fault/i.test(label));
    expect(fault).toEqual(["Fault injection…"]);
  });

  it("offers traffic shifting once, without a TCP entry the service's ports may not allow", () => {
    const labels = labelsFor(reviews);
    expect(labels.filter((label) => /traffic shifting/i.test(label))).toEqual(["Traffic shifting…"]);
  });

  it("lists no label twice", () => {
    const labels = labelsFor(reviews);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("the graph node menu of a node whose namespace's workloads the viewer may not read", () => {
  it("offers the side panel and the node's graph, and no wizard or experiment", () => {
    const inaccessible = { ...reviews, isInaccessible: true, isOutOfMesh: false } as ViewNode;
    expect(labelsFor(inaccessible)).toEqual(["Show details", "Focus on this node"]);
    expect(labelsFor(reviews).length).toBeGreaterThan(2);
  });
});
