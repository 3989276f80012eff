import { describe, expect, it } from "vitest";
import { graphResponseSchema, type GraphResponse } from "@/lib/contracts/graph";
import type { GraphNodeTarget } from "@/lib/contracts/node-graph";
import { buildGraph, type GraphRequest } from "./build-graph";
import { expectGolden } from "./__golden__/expect-golden";
import {
  answeringSources,
  http200,
  mtls,
  peerLabels,
  sample,
  serviceLabels,
  type HandAnswer,
} from "./test-support/answers";
import { workload } from "./test-support/rows";

/**
 * Hand-written Prometheus answers for namespace shop, both proxies reporting each call:
 * web-v1 calls api-v1 (6 rps) and api-v2 (4 rps) through service api, and cart-v1 (3 rps);
 * api-v1 calls db-v1 (2 rps), api-v2 calls db-v1 (1 rps); and 0.5 rps of web-v1's calls
 * for api found no healthy upstream (UH, reported by web-v1's proxy alone).
 */
const calls: [string, string, number][] = [
  ["shop/web-v1", "shop/api-v1", 6],
  ["shop/web-v1", "shop/api-v2", 4],
  ["shop/web-v1", "shop/cart-v1", 3],
  ["shop/api-v1", "shop/db-v1", 2],
  ["shop/api-v2", "shop/db-v1", 1],
];
const noHealthyUpstream = {
  labels: {
    ...peerLabels("source", "shop/web-v1"),
    ...peerLabels("destination", "unknown"),
    ...serviceLabels("shop/api"),
    request_protocol: "http",
    response_code: "503",
    grpc_response_status: "",
    response_flags: "UH",
  },
  value: 0.5,
};
const shop: HandAnswer[] = [
  {
    metric: "istio_requests_total",
    reporter: "destination",
    namespace: "shop",
    samples: calls.map(([from, to, rps]) => sample(from, to, rps, { ...http200, ...mtls })),
  },
  {
    metric: "istio_requests_total",
    reporter: "source",
    namespace: "shop",
    samples: [...calls.map(([from, to, rps]) => sample(from, to, rps, http200)), noHealthyUpstream],
  },
];
const workloads = ["web-v1", "api-v1", "api-v2", "cart-v1", "db-v1"].map((w) => workload(w, { namespace: "shop" }));

async function shopGraph(request: Partial<GraphRequest> & Pick<GraphRequest, "graphType">) {
  const sources = answeringSources(shop, { workloads });
  const graph = await buildGraph(
    { namespaces: ["shop"], duration: 60, idleNodes: false, responseTime: "95", queryTime: 1_800_000_000, ...request },
    sources,
  );
  expect(graphResponseSchema.parse(graph)).toEqual(graph);
  return { graph, asked: sources.asked };
}

/** Edges as "source → target rate", nodes named as a reader of the graph would. */
function edgeList(graph: GraphResponse): string[] {
  const name = (id: string) => {
    const d = graph.elements.nodes.find((n) => n.data.id === id)?.data;
    if (d?.nodeType === "service") return `svc:${d.service}`;
    return d?.nodeType === "app" && d.version ? `${d.app} ${d.version}` : (d?.workload ?? d?.app ?? id);
  };
  return graph.elements.edges
    .map((e) => `${name(e.data.source)} → ${name(e.data.target)} ${e.data.traffic.rates.http}`)
    .sort();
}

const apiV1: GraphNodeTarget = { kind: "workload", namespace: "shop", name: "api-v1" };

describe("node graphs, on hand-written answers", () => {
  it("a workload's: its callers and what it calls, one hop each way, in Kiali's fields", async () => {
    const { graph } = await shopGraph({ graphType: "workload", node: apiV1 });
    expectGolden("hand-node-workload.json", graph);
    expect(edgeList(graph)).toEqual(["api-v1 → db-v1 2.00", "web-v1 → api-v1 6.00"]);
    // Traffic % is of what the graph draws (as in Kiali's node graphs): web-v1's one call drawn here is all of it.
    const webToApi = graph.elements.edges.find((e) => e.data.traffic.rates.http === "6.00")?.data;
    expect(webToApi?.traffic.rates.httpPercentReq).toBe("100.0");
  });

  it("asks Prometheus only about the node's own traffic", async () => {
    const { asked } = await shopGraph({ graphType: "workload", node: apiV1 });
    expect(asked.length).toBeGreaterThan(0);
    for (const q of asked) expect(q, q).toMatch(/(source|destination)_workload="api-v1"/);
    // No "unreached" query: a workload's graph is the workload's traffic.
    expect(asked.some((q) => q.includes('destination_workload="unknown"'))).toBe(false);
  });

  it("carries the same rates, responses and mTLS on the node's edges as the namespace graph (traffic % aside)", async () => {
    const { graph: whole } = await shopGraph({ graphType: "workload" });
    const { graph: focused } = await shopGraph({ graphType: "workload", node: apiV1 });
    const byId = new Map(whole.elements.edges.map((e) => [e.data.id, e.data]));
    const apiToDb = focused.elements.edges.find((e) => e.data.traffic.rates.http === "2.00")?.data;
    expect(apiToDb?.isMTLS).toBe("100");
    for (const { data } of focused.elements.edges) {
      const same = byId.get(data.id);
      expect(same, data.id).toBeDefined();
      // Traffic % is a share of what each graph draws of the source's calls, so only it differs.
      const figures = (d: typeof data | undefined) => {
        const { httpPercentReq: _all, httpPercentReqOfService: _ofService, ...rates } = d?.traffic.rates ?? {};
        return { ...rates, isMTLS: d?.isMTLS, responseTime: d?.responseTime, throughput: d?.throughput };
      };
      expect(figures(data)).toEqual(figures(same));
      expect(data.traffic.responses).toEqual(same?.traffic.responses);
    }
  });

  it("an app's: every version of it, boxed, with their callers and callees", async () => {
    const { graph } = await shopGraph({
      graphType: "versionedApp",
      node: { kind: "app", namespace: "shop", name: "api" },
    });
    expectGolden("hand-node-app.json", graph);
    expect(edgeList(graph)).toEqual([
      "api v1 → db v1 2.00",
      "api v2 → db v1 1.00",
      "web v1 → api v1 6.00",
      "web v1 → api v2 4.00",
    ]);
    const box = graph.elements.nodes.find((n) => n.data.isBox === "app" && n.data.app === "api")?.data;
    expect(graph.elements.nodes.filter((n) => n.data.parent === box?.id).map((n) => n.data.version)).toEqual(
      expect.arrayContaining(["v1", "v2"]),
    );
  });

  it("an app version's: that version only", async () => {
    const { graph } = await shopGraph({
      graphType: "versionedApp",
      node: { kind: "app", namespace: "shop", name: "api", version: "v2" },
    });
    expect(edgeList(graph)).toEqual(["api v2 → db v1 1.00", "web v1 → api v2 4.00"]);
  });

  it("a service's: callers → the service → the workloads that answered it, with calls that reached none", async () => {
    const { graph, asked } = await shopGraph({
      graphType: "service",
      node: { kind: "service", namespace: "shop", name: "api" },
    });
    expectGolden("hand-node-service.json", graph);
    expect(edgeList(graph)).toEqual(["svc:api → api-v1 6.00", "svc:api → api-v2 4.00", "web-v1 → svc:api 10.50"]);
    const toService = graph.elements.edges.find((e) => e.data.traffic.rates.http === "10.50")?.data;
    expect(toService?.traffic.responses["503"]).toEqual({
      flags: { UH: "4.8" },
      hosts: { "api.shop.svc.cluster.local": "4.8" },
    });
    expect(graph.graphType).toBe("service");
    for (const q of asked) expect(q, q).toContain('destination_service=~"^api\\\\.shop\\\\..+$"');
  });

  it("draws nothing for a node without traffic", async () => {
    const { graph } = await shopGraph({ graphType: "workload", node: { ...apiV1, name: "idle-v1" } });
    expect(graph.elements).toEqual({ nodes: [], edges: [] });
  });

  it.each(["workload", "service"] as const)(
    "refuses an application's graph drawn as %s, as Kiali does",
    async (graphType) => {
      await expect(
        shopGraph({ graphType, node: { kind: "app", namespace: "shop", name: "api" } }),
      ).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/app or versionedApp/) });
    },
  );

  it("refuses a node graph over other namespaces than the node's", async () => {
    await expect(
      shopGraph({ graphType: "workload", namespaces: ["shop", "other"], node: apiV1 }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});
