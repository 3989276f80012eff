import { afterEach, describe, expect, it } from "vitest";
import { graphResponseSchema, type GraphResponse } from "@/lib/contracts/graph";
import { setQueryScope } from "@/server/adapters/prometheus/query-scope";
import { buildGraph, type GraphRequest } from "./build-graph";
import { expectGolden } from "./__golden__/expect-golden";
import { toDot } from "./to-dot";
import { answeringSources, grpcOk, http200, mtls, sample, type HandAnswer } from "./test-support/answers";

/**
 * Hand-written Prometheus answers for namespace shop: web calls api over HTTP (10 rps),
 * echo over gRPC (4 requests/s carrying 40 request and 60 response stream messages/s) and
 * db over TCP (1,000 bytes/s sent, 3,000 received). Both proxies report the HTTP calls.
 */
const tcp = { request_protocol: "tcp", response_flags: "-" };
const stream = { request_protocol: "grpc", response_flags: "-" };
const inbound = (metric: string, samples: HandAnswer["samples"]): HandAnswer => ({
  metric,
  reporter: "destination",
  namespace: "shop",
  samples,
});
const shop: HandAnswer[] = [
  inbound("istio_requests_total", [
    sample("shop/web-v1", "shop/api-v1", 10, { ...http200, ...mtls }),
    sample("shop/web-v1", "shop/echo-v1", 4, { ...grpcOk, ...mtls }),
  ]),
  {
    metric: "istio_requests_total",
    reporter: "source",
    namespace: "shop",
    samples: [sample("shop/web-v1", "shop/api-v1", 10, http200)],
  },
  inbound("istio_request_messages_total", [sample("shop/web-v1", "shop/echo-v1", 40, { ...stream, ...mtls })]),
  inbound("istio_response_messages_total", [sample("shop/web-v1", "shop/echo-v1", 60, { ...stream, ...mtls })]),
  inbound("istio_tcp_sent_bytes_total", [sample("shop/web-v1", "shop/db-v1", 1000, { ...tcp, ...mtls })]),
  inbound("istio_tcp_received_bytes_total", [sample("shop/web-v1", "shop/db-v1", 3000, { ...tcp, ...mtls })]),
  inbound("istio_response_bytes_sum", [sample("shop/web-v1", "shop/api-v1", 2048.4, { request_protocol: "http" })]),
  inbound("istio_request_bytes_sum", [sample("shop/web-v1", "shop/api-v1", 512, { request_protocol: "http" })]),
  inbound("istio_request_duration_milliseconds_bucket", [
    sample("shop/web-v1", "shop/api-v1", 25, { request_protocol: "http" }),
  ]),
];

async function shopGraph(init: Partial<GraphRequest> = {}, answers = shop) {
  const sources = answeringSources(answers);
  const graph = await buildGraph(
    {
      namespaces: ["shop"],
      graphType: "workload",
      duration: 60,
      idleNodes: false,
      responseTime: "95",
      queryTime: 1_800_000_000,
      ...init,
    },
    sources,
  );
  expect(graphResponseSchema.parse(graph)).toEqual(graph);
  return { graph, asked: sources.asked };
}

const workloadOf = (graph: GraphResponse, id: string) =>
  graph.elements.nodes.find((n) => n.data.id === id)?.data.workload;
const edges = (graph: GraphResponse) =>
  Object.fromEntries(
    graph.elements.edges.map((e) => [
      `${workloadOf(graph, e.data.source)} → ${workloadOf(graph, e.data.target)}`,
      e.data.traffic.rates[e.data.traffic.protocol],
    ]),
  );

describe("Kiali's traffic rate options, on hand-written answers", () => {
  it("by default counts HTTP and gRPC requests and TCP bytes sent, in Kiali's fields and formats", async () => {
    const { graph } = await shopGraph();
    expectGolden("hand-shop-workload.json", graph);
    expect(edges(graph)).toEqual({
      "web-v1 → api-v1": "10.00",
      "web-v1 → echo-v1": "4.00",
      "web-v1 → db-v1": "1000.00",
    });
    const api = graph.elements.edges.find((e) => e.data.traffic.protocol === "http")?.data;
    // Kiali writes isMTLS and throughput as whole numbers (%.0f), rates with 2 decimals, percentages with 1.
    expect(api).toMatchObject({ isMTLS: "100", throughput: "2048", responseTime: "25.00" });
    expect(api?.traffic.rates).toEqual({ http: "10.00", httpPercentReq: "100.0", httpPercentReqOfService: "100.0" });
    expect(api?.traffic.responses).toEqual({
      "200": { flags: { "-": "100.0" }, hosts: { "api.shop.svc.cluster.local": "100.0" } },
    });
    const tcpEdge = graph.elements.edges.find((e) => e.data.traffic.protocol === "tcp")?.data;
    expect(tcpEdge?.traffic.responses).toEqual({
      "-": { flags: { "-": "100.0" }, hosts: { "db.shop.svc.cluster.local": "100.0" } },
    });
  });

  it.each([
    ["sent", "40.00"],
    ["received", "60.00"],
    ["total", "100.00"],
  ] as const)("rateGrpc=%s counts gRPC stream messages (%s/s) instead of requests", async (rateGrpc, rate) => {
    const { graph, asked } = await shopGraph({ rateGrpc });
    expect(edges(graph)["web-v1 → echo-v1"]).toBe(rate);
    expect(
      asked.filter((q) => q.includes("istio_requests_total")).every((q) => q.includes('request_protocol!="grpc"')),
    ).toBe(true);
    const echo = graph.elements.edges.find((e) => e.data.traffic.protocol === "grpc")?.data;
    expect(Object.keys(echo?.traffic.responses ?? {})).toEqual(["-"]);
    expect(echo?.traffic.rates.grpcPercentErr).toBeUndefined();
  });

  it("rateGrpc=none leaves gRPC out", async () => {
    const { graph } = await shopGraph({ rateGrpc: "none" });
    expect(Object.keys(edges(graph)).sort()).toEqual(["web-v1 → api-v1", "web-v1 → db-v1"]);
  });

  it.each([
    ["received", "3000.00"],
    ["total", "4000.00"],
  ] as const)("rateTcp=%s counts TCP bytes %s/s", async (rateTcp, rate) => {
    const { graph } = await shopGraph({ rateTcp });
    expect(edges(graph)["web-v1 → db-v1"]).toBe(rate);
  });

  it("rateTcp=none leaves TCP out, and asks Prometheus no TCP question", async () => {
    const { graph, asked } = await shopGraph({ rateTcp: "none" });
    expect(Object.keys(edges(graph))).not.toContain("web-v1 → db-v1");
    expect(asked.some((q) => q.includes("istio_tcp_"))).toBe(false);
  });

  it("rateHttp=none draws no HTTP edge, keeps gRPC requests", async () => {
    const { graph, asked } = await shopGraph({ rateHttp: "none" });
    expectGolden("hand-shop-rateHttp-none.json", graph);
    expect(edges(graph)).toEqual({ "web-v1 → echo-v1": "4.00", "web-v1 → db-v1": "1000.00" });
    expect(graph.elements.nodes.some((n) => n.data.workload === "api-v1")).toBe(false);
    expect(
      asked.filter((q) => q.includes("istio_requests_total")).every((q) => q.includes('request_protocol="grpc"')),
    ).toBe(true);
  });

  it("throughputType=request counts request bodies", async () => {
    const { graph } = await shopGraph({ throughputType: "request" });
    expect(graph.elements.edges.find((e) => e.data.traffic.protocol === "http")?.data.throughput).toBe("512");
  });
});

describe("a delay injected at the client's sidecar", () => {
  const delayed: HandAnswer[] = [
    ...shop.filter((a) => a.metric === "istio_requests_total"),
    inbound("istio_request_duration_milliseconds_bucket", [
      sample("shop/web-v1", "shop/api-v1", 7, { request_protocol: "http" }),
    ]),
    {
      metric: "istio_request_duration_milliseconds_bucket",
      reporter: "source",
      namespace: "shop",
      samples: [sample("shop/web-v1", "shop/api-v1", 7004, { request_protocol: "http" })],
    },
  ];

  it("reads ~7 s on the edge where it was injected, not the server's ~7 ms", async () => {
    const { graph } = await shopGraph({}, delayed);
    expect(graph.elements.edges.find((e) => e.data.traffic.protocol === "http")?.data.responseTime).toBe("7004.00");
  });
});

describe("the query scope", () => {
  afterEach(() => setQueryScope([]));

  it("is added to every selector of every query the graph sends", async () => {
    setQueryScope([{ label: "mesh_id", op: "=", value: "mesh1" }]);
    const { graph, asked } = await shopGraph({ rateGrpc: "total", rateTcp: "total", responseTime: "avg" });
    expect(asked.length).toBeGreaterThan(10);
    for (const q of asked) expect(q.match(/\{/g)?.length, q).toBe(q.match(/mesh_id="mesh1"/g)?.length);
    expectGolden("hand-shop-scoped-queries.txt", `${asked.join("\n")}\n`);
    expect(edges(graph)["web-v1 → db-v1"]).toBe("4000.00");
  });
});

describe("Kiali's graph options, on the same answers", () => {
  const label = (graph: GraphResponse, id: string) => {
    const d = graph.elements.nodes.find((n) => n.data.id === id)?.data;
    return d?.nodeType === "service" ? `svc:${d.service}` : (d?.workload ?? id);
  };

  it("injectServiceNodes draws caller → service → workload, each hop with the whole rate", async () => {
    const { graph } = await shopGraph({ injectServiceNodes: true, rateGrpc: "none", rateTcp: "none" });
    expect(
      graph.elements.edges.map(
        (e) => `${label(graph, e.data.source)} → ${label(graph, e.data.target)} ${e.data.traffic.rates.http}`,
      ),
    ).toEqual(expect.arrayContaining(["web-v1 → svc:api 10.00", "svc:api → api-v1 10.00"]));
    expect(graph.elements.edges).toHaveLength(2);
  });

  it("boxBy=namespace,cluster puts each node in its namespace's box, and that box in its cluster's, parents first", async () => {
    const { graph } = await shopGraph({ graphType: "versionedApp", boxBy: ["app", "namespace", "cluster"] });
    const boxes = graph.elements.nodes.filter((n) => n.data.isBox).map((n) => n.data);
    const cluster = boxes.find((b) => b.isBox === "cluster");
    const shopBox = boxes.find((b) => b.isBox === "namespace");
    expect(shopBox).toMatchObject({ namespace: "shop", parent: cluster?.id });
    const index = new Map(graph.elements.nodes.map((n, i) => [n.data.id, i]));
    for (const n of graph.elements.nodes) {
      if (n.data.isBox === "cluster") continue;
      expect(n.data.parent, n.data.id).toBeDefined();
      expect(index.get(n.data.parent ?? "")).toBeLessThan(index.get(n.data.id) ?? -1);
    }
    // DOT nests the boxes the same way: cluster, then namespace, then app, each once.
    const dot = toDot(graph);
    expect(dot.match(/^\s*label="[^"]*";$/gm)?.map((l) => l.trim())).toEqual(
      expect.arrayContaining(['label="Kubernetes";', 'label="shop";', 'label="api (shop)";']),
    );
    expect(dot).toMatch(/^ {2}subgraph .*\n {4}label="Kubernetes";\n {4}subgraph .*\n {6}label="shop";/m);
  });

  it("boxBy without app leaves a versionedApp graph's versions unboxed", async () => {
    const { graph } = await shopGraph({ graphType: "versionedApp", boxBy: [] });
    expect(graph.elements.nodes.some((n) => n.data.isBox)).toBe(false);
  });
});
