import { describe, expect, it } from "vitest";
import { graphResponseSchema, graphTypes, type GraphResponse, type ResponseTimeStat } from "@/lib/contracts/graph";
import { PrometheusError, TopsailError } from "@/server/errors";
import { buildGraph, type GraphRequest } from "./build-graph";
import { fixtureSources, loadFixture } from "./__fixtures__/fixture-format";
import { expectGolden } from "./__golden__/expect-golden";
import { toDot } from "./to-dot";

async function graphOf(name: string, init: Partial<GraphRequest> = {}): Promise<GraphResponse> {
  const fixture = loadFixture(name);
  const request: GraphRequest = {
    namespaces: fixture.namespaces,
    graphType: "versionedApp",
    duration: fixture.duration,
    idleNodes: false,
    responseTime: "95" as ResponseTimeStat,
    queryTime: fixture.queryTime,
    // What the fixtures recorded: TCP bytes received (the default is now Kiali's, sent).
    rateTcp: "received",
    ...init,
  };
  return buildGraph(request, fixtureSources(fixture));
}

function nameOf(graph: GraphResponse, id: string): string {
  const d = graph.elements.nodes.find((n) => n.data.id === id)?.data;
  if (!d) return id;
  if (d.nodeType === "service") return `svc:${d.service}`;
  if (d.nodeType === "unknown") return "unknown";
  if (d.nodeType === "workload") return d.workload ?? "";
  return [d.app, d.version].filter(Boolean).join(" ");
}

const edgeNames = (graph: GraphResponse) =>
  graph.elements.edges
    .filter((e) => e.data.traffic.protocol !== "tcp")
    .map((e) => `${nameOf(graph, e.data.source)} → ${nameOf(graph, e.data.target)}`)
    .sort();
const edge = (graph: GraphResponse, from: string, to: string) =>
  graph.elements.edges.find((e) => nameOf(graph, e.data.source) === from && nameOf(graph, e.data.target) === to)?.data;

describe("the graph from recorded Bookinfo telemetry", () => {
  it.each(graphTypes)("matches the golden %s graph", async (graphType) => {
    const graph = await graphOf("bookinfo", { graphType, idleNodes: true });
    expect(graphResponseSchema.parse(graph)).toEqual(graph);
    expectGolden(`bookinfo-${graphType}.json`, graph);
  });

  it("draws Bookinfo's calls: ingress → productpage → details and reviews v1/v2/v3; only v2 and v3 call ratings", async () => {
    expect(edgeNames(await graphOf("bookinfo"))).toEqual([
      "istio-ingressgateway latest → productpage v1",
      "productpage v1 → details v1",
      "productpage v1 → reviews v1",
      "productpage v1 → reviews v2",
      "productpage v1 → reviews v3",
      "reviews v2 → ratings v1",
      "reviews v3 → ratings v1",
    ]);
  });

  it("marks the gateway as the root, everything healthy and mutual TLS inside the mesh", async () => {
    const graph = await graphOf("bookinfo");
    const gateway = graph.elements.nodes.find((n) => n.data.app === "istio-ingressgateway" && !n.data.isBox)?.data;
    expect(gateway).toMatchObject({ isGateway: true, isRoot: true, isOutside: true });
    expect(
      graph.elements.nodes
        .filter((n) => n.data.namespace === "bookinfo" && !n.data.isBox)
        .every((n) => n.data.healthData?.status === "healthy"),
    ).toBe(true);
    expect(edge(graph, "productpage v1", "reviews v2")?.isMTLS).toBe("100");
    expect(Number(edge(graph, "productpage v1", "reviews v2")?.responseTime)).toBeGreaterThan(0);
  });

  it("answers every response-time statistic from its own query", async () => {
    for (const responseTime of ["avg", "50", "99"] as const) {
      expect(
        Number(edge(await graphOf("bookinfo", { responseTime }), "productpage v1", "details v1")?.responseTime),
      ).toBeGreaterThan(0);
    }
  });

  it("writes the graph as Graphviz DOT", async () => {
    expectGolden("bookinfo-versionedApp.dot", toDot(await graphOf("bookinfo")));
  });
});

describe("the graph after reviews 50/50 v1/v3 and a fault for jason on ratings", () => {
  it("splits productpage's reviews calls between v1 and v3 and shows the aborted ratings calls", async () => {
    const graph = await graphOf("bookinfo-split-fault");
    expectGolden("bookinfo-split-fault-versionedApp.json", graph);
    const toReviews = (v: string) => Number(edge(graph, "productpage v1", `reviews ${v}`)?.traffic.rates.http ?? 0);
    const total = toReviews("v1") + toReviews("v2") + toReviews("v3");
    expect((toReviews("v1") / total) * 100).toBeGreaterThan(40);
    expect((toReviews("v3") / total) * 100).toBeGreaterThan(40);
    expect((toReviews("v2") / total) * 100).toBeLessThan(2);
    // Traffic % of the service is the share of productpage's calls to reviews, so it reads the
    // split itself; Kiali's traffic % (of everything productpage sends) is about half of that.
    const percent = (v: string) =>
      Number(edge(graph, "productpage v1", `reviews ${v}`)?.traffic.rates.httpPercentReqOfService ?? 0);
    const ofSource = (v: string) =>
      Number(edge(graph, "productpage v1", `reviews ${v}`)?.traffic.rates.httpPercentReq ?? 0);
    expect(ofSource("v1") + ofSource("v3")).toBeLessThan(60);
    expect(percent("v1")).toBeGreaterThanOrEqual(45);
    expect(percent("v1")).toBeLessThanOrEqual(55);
    expect(percent("v3")).toBeGreaterThanOrEqual(45);
    expect(percent("v3")).toBeLessThanOrEqual(55);
    expect(percent("v2")).toBeLessThan(2);
    const reviewsBox = graph.elements.nodes.find((n) => n.data.isBox && n.data.app === "reviews")?.data;
    expect(reviewsBox).toMatchObject({ hasVS: true, hasTrafficShifting: true });
    const ratings = graph.elements.nodes.find((n) => n.data.app === "ratings" && !n.data.isBox)?.data;
    expect(ratings).toMatchObject({ hasFaultInjection: true, hasRequestRouting: true });
  });
});

describe("the graph of three namespaces with HTTP and TCP traffic", () => {
  it("matches the golden workload graph and draws TCP edges in bytes/s, split across tcp-echo versions", async () => {
    const graph = await graphOf("mesh", { graphType: "workload" });
    expectGolden("mesh-workload.json", graph);
    const tcp = graph.elements.edges.filter((e) => e.data.traffic.protocol === "tcp");
    expect(tcp.map((e) => `${nameOf(graph, e.data.source)} → ${nameOf(graph, e.data.target)}`).sort()).toEqual([
      "curl → tcp-echo-v1",
      "curl → tcp-echo-v2",
    ]);
    for (const e of tcp) {
      expect(Number(e.data.traffic.rates.tcp)).toBeGreaterThan(0);
      expect(Object.keys(e.data.traffic.responses)).toEqual(["-"]);
      expect(e.data.responseTime).toBeUndefined();
    }
    expect(edgeNames(graph)).toEqual(
      expect.arrayContaining([
        "fortio-deploy → httpbin-v1",
        "fortio-deploy → httpbin-v2",
        "productpage-v1 → details-v1",
      ]),
    );
  });
});

describe("what the graph says when it cannot be drawn", () => {
  it("names a namespace that does not exist (404)", async () => {
    const fixture = loadFixture("bookinfo");
    const sources = fixtureSources(fixture);
    const error = await buildGraph(
      { namespaces: ["bookinfo", "nope"], graphType: "app", duration: 60, idleNodes: false, responseTime: "95" },
      sources,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TopsailError);
    expect((error as TopsailError).httpStatus).toBe(404);
    expect((error as TopsailError).message).toBe('Namespace "nope" not found');
    // Not one query reached Prometheus for a request the cluster already refuses.
    expect(sources.asked).toEqual([]);
  });

  it("passes Prometheus being unavailable on as a 503 the page can show", async () => {
    const fixture = loadFixture("bookinfo");
    const sources = {
      ...fixtureSources(fixture),
      queryPrometheus: async () => {
        throw new PrometheusError({
          errorType: "unavailable",
          unavailable: true,
          message: "Cannot reach Prometheus at http://127.0.0.1:1",
        });
      },
    };
    const error = await buildGraph(
      { namespaces: ["bookinfo"], graphType: "app", duration: 60, idleNodes: false, responseTime: "95" },
      sources,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrometheusError);
    expect((error as PrometheusError).code).toBe("prometheus_unavailable");
    expect((error as PrometheusError).httpStatus).toBe(503);
  });
});
