import { describe, expect, it } from "vitest";
import { fromGraphLayout, graphLayoutRequestSchema, maxLayoutNodes, toGraphLayout } from "./graph-layout";

const messages = (body: unknown) => {
  const parsed = graphLayoutRequestSchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("graph layout contract", () => {
  it("accepts the nodes a page draws and the calls between them", () => {
    expect(
      messages({
        nodes: [
          { id: "productpage-v1", namespace: "bookinfo", label: "productpage" },
          { id: "reviews-v1", group: "reviews", namespace: "bookinfo", label: "v1", order: "v1" },
        ],
        edges: [{ source: "productpage-v1", target: "reviews-v1" }],
      }),
    ).toEqual([]);
  });

  it("says which id is given twice, or which box id a node already uses", () => {
    expect(
      messages({
        nodes: [
          { id: "a", namespace: "x" },
          { id: "a", namespace: "x" },
          { id: "b", group: "a" },
          { id: "namespace-box:y" },
          { id: "c", namespace: "y" },
        ],
        edges: [],
      }),
    ).toEqual([
      'nodes.1.id: node id "a" is given twice',
      'nodes.2.group: group "a" is also a node\'s id: an app box needs an id of its own',
      'nodes.4.namespace: namespace "y" has a box id ("namespace-box:y") that a node already uses',
    ]);
  });

  it("refuses a graph too large to lay out, saying what to do", () => {
    const nodes = Array.from({ length: maxLayoutNodes + 1 }, (_, i) => ({ id: `n${i}` }));
    expect(messages({ nodes, edges: [] })).toEqual([
      `nodes: lay out at most ${maxLayoutNodes} nodes at once (hide some, or draw fewer namespaces)`,
    ]);
  });

  it("sends maps as lists and reads them back, an id like __proto__ included", () => {
    const result = {
      positions: new Map([
        ["__proto__", { x: 1, y: 2 }],
        ["reviews-v1", { x: 300, y: 40 }],
      ]),
      boxes: new Map([["reviews", { x1: 0, y1: 0, x2: 10, y2: 20 }]]),
      routes: new Map([["a>b", [{ x: 5, y: 6 }]]]),
    };
    const sent = JSON.parse(JSON.stringify(toGraphLayout(result))) as ReturnType<typeof toGraphLayout>;
    expect(sent.positions).toEqual([
      { id: "__proto__", x: 1, y: 2 },
      { id: "reviews-v1", x: 300, y: 40 },
    ]);
    expect(fromGraphLayout(sent)).toEqual(result);
  });
});
