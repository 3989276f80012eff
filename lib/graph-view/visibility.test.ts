import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { parseExpression } from "./expression/parse";
import { computeVisibility } from "./visibility";
import { toViewGraph } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const sorted = (s: Set<string>) => [...s].sort();

describe("visibility", () => {
  it("hides matching nodes and the edges that touch them", () => {
    const v = computeVisibility(graph, { hide: parseExpression("version = v1"), find: null });
    expect(sorted(v.hiddenNodes)).toEqual(["pp-box", "pp-v1", "rt-v1", "rv-v1"]);
    expect(sorted(v.hiddenEdges)).toEqual(["e-gw-pp", "e-pp-rv1", "e-pp-rv2", "e-rt-db", "e-rv2-rt"]);
  });

  it("hides a box only when all its versions are hidden", () => {
    const v = computeVisibility(graph, { hide: parseExpression("version = v2"), find: null });
    expect(v.hiddenNodes.has("rv-box")).toBe(false);
  });

  it("focuses on a node: keeps what is connected upstream and downstream", () => {
    const v = computeVisibility(graph, { hide: null, find: null, focus: "rv-v1" });
    expect(sorted(v.hiddenNodes)).toEqual(["db", "rt-v1", "rv-v2"]);
  });

  it("finds visible matches only", () => {
    const v = computeVisibility(graph, {
      hide: parseExpression("app = ratings"),
      find: parseExpression("degraded OR failure OR rt > 100"),
    });
    expect(sorted(v.foundNodes)).toEqual(["rv-v2"]);
    expect(sorted(v.foundEdges)).toEqual(["e-pp-rv2"]);
  });
});
