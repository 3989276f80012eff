import { describe, expect, it } from "vitest";
import { bookinfoGraph } from "./__fixtures__/bookinfo-graph";
import { explainEdgeHref } from "./explain-link";
import { toViewGraph } from "./view-model";

const graph = toViewGraph(bookinfoGraph);
const edge = (source: string, target: string) => ({ source, target, protocol: "http" as const });
const paramsOf = (href: string | undefined) => Object.fromEntries(new URL(href ?? "", "http://console").searchParams);

describe("the graph edge's link to the request explainer", () => {
  it("names the calling workload and the called service by its short name in the same namespace", () => {
    expect(paramsOf(explainEdgeHref(edge("pp-v1", "rv-v2"), graph))).toEqual({
      namespaces: "bookinfo",
      namespace: "bookinfo",
      source: "productpage-v1",
      host: "reviews",
    });
  });

  it("asks from the gateway's own namespace, naming a service elsewhere with its namespace", () => {
    expect(paramsOf(explainEdgeHref(edge("gw", "pp-v1"), graph))).toMatchObject({
      namespace: "istio-system",
      source: "istio-ingressgateway",
      host: "productpage.bookinfo",
    });
  });

  it("offers no link for a caller that is not a workload, nor for TCP", () => {
    expect(explainEdgeHref(edge("rv-box", "rt-v1"), graph)).toBeUndefined();
    expect(explainEdgeHref({ ...edge("rt-v1", "db"), protocol: "tcp" }, graph)).toBeUndefined();
  });
});
