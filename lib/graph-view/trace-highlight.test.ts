import { describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { TracePath } from "@/lib/contracts/tracing";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { traceHighlight } from "./trace-highlight";
import { toViewGraph } from "./view-model";

const workload = (namespace: string, name: string, app: string, version?: string) => ({
  key: `${namespace}/${name}`,
  namespace,
  workload: name,
  app,
  ...(version ? { version } : {}),
});

/** Bookinfo v2 as server/tracing/trace-path.ts reports it. */
const normalV2: TracePath = {
  nodes: [
    workload("istio-system", "istio-ingressgateway", "istio-ingressgateway"),
    workload("bookinfo", "productpage-v1", "productpage", "v1"),
    workload("bookinfo", "reviews-v2", "reviews", "v2"),
    workload("bookinfo", "ratings-v1", "ratings", "v1"),
  ],
  hops: [
    { from: "istio-system/istio-ingressgateway", to: "bookinfo/productpage-v1", error: false, httpCode: 200 },
    { from: "bookinfo/productpage-v1", to: "bookinfo/reviews-v2", error: false, httpCode: 200 },
    { from: "bookinfo/reviews-v2", to: "bookinfo/ratings-v1", error: false, httpCode: 200 },
  ],
};

describe("a trace's path on the graph", () => {
  it("lights the gateway → productpage → reviews v2 → ratings edges and their nodes, not reviews v1", () => {
    const lit = traceHighlight(toViewGraph(bookinfoGraph), normalV2);
    expect([...lit.edges].sort()).toEqual(["e-gw-pp", "e-pp-rv2", "e-rv2-rt"]);
    expect(lit.nodes.has("rv-v1")).toBe(false);
    expect(lit.nodes.has("rv-v2") && lit.nodes.has("rv-box") && lit.nodes.has("pp-box")).toBe(true);
    expect(lit.missingHops).toBe(0);
    expect(lit.errorEdges.size).toBe(0);
  });

  it("ends an aborted call at the service node and marks that edge as failed", () => {
    const withService: GraphResponse = {
      ...bookinfoGraph,
      elements: {
        nodes: [
          ...bookinfoGraph.elements.nodes,
          { data: { id: "svc-rt", nodeType: "service", cluster: "c", namespace: "bookinfo", service: "ratings" } },
        ],
        edges: [
          ...bookinfoGraph.elements.edges,
          {
            data: {
              id: "e-rv2-svc",
              source: "rv-v2",
              target: "svc-rt",
              traffic: { protocol: "http", rates: { http: "1.00", http5xx: "1.00" }, responses: {} },
            },
          },
        ],
      },
    };
    const aborted: TracePath = {
      nodes: [
        workload("bookinfo", "reviews-v2", "reviews", "v2"),
        { key: "bookinfo/service:ratings", namespace: "bookinfo", service: "ratings" },
      ],
      hops: [
        {
          from: "bookinfo/reviews-v2",
          to: "bookinfo/service:ratings",
          error: true,
          httpCode: 500,
          responseFlags: "FI",
        },
      ],
    };
    const lit = traceHighlight(toViewGraph(withService), aborted);
    expect([...lit.edges]).toEqual(["e-rv2-svc"]);
    expect([...lit.errorEdges]).toEqual(["e-rv2-svc"]);
    expect(lit.nodes.has("rt-v1")).toBe(false);
  });

  it("counts the hops this graph has no edge for, so the page can say so", () => {
    const elsewhere: TracePath = {
      nodes: [workload("shop", "cart-v1", "cart"), workload("shop", "db-v1", "db")],
      hops: [{ from: "shop/cart-v1", to: "shop/db-v1", error: false, httpCode: 200 }],
    };
    expect(traceHighlight(toViewGraph(bookinfoGraph), elsewhere)).toMatchObject({ missingHops: 1, edges: new Set() });
  });
});
