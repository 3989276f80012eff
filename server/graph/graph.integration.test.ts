/**
 * The graph engine against the real thing: the simulator with its mesh generating Bookinfo
 * traffic, a real Prometheus scraping it every second, the kube adapter reading the
 * simulated cluster over HTTPS, and a VirtualService written through client-node.
 */
import { CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import type { RunningSimulator } from "@/sim/index";
import { eventually, startScrapedSimulator, type ScrapedSimulator } from "@/sim/mesh/test-support/prometheus-harness";
import { connectionFromKubeconfig } from "@/server/adapters/kube";
import { buildGraph } from "./build-graph";
import type { GraphSources } from "./graph-sources";
import { liveSourcesOn } from "./test-support/live-sources-on";

const WINDOW_SECONDS = 30;

function nameOf(graph: GraphResponse, id: string): string {
  const d = graph.elements.nodes.find((n) => n.data.id === id)?.data;
  if (!d) return id;
  if (d.nodeType === "service") return `svc:${d.service}`;
  return d.nodeType === "unknown" ? "unknown" : [d.app, d.version].filter(Boolean).join(" ");
}

const edgeNames = (graph: GraphResponse) =>
  graph.elements.edges.map((e) => `${nameOf(graph, e.data.source)} → ${nameOf(graph, e.data.target)}`).sort();

/** The graph's own traffic % of the service on productpage → reviews <version> edges (0 where no edge is drawn). */
function reviewsSplit(graph: GraphResponse): Record<string, number> {
  const percent: Record<string, number> = {};
  for (const { data } of graph.elements.edges) {
    const target = nameOf(graph, data.target);
    if (nameOf(graph, data.source) === "productpage v1" && target.startsWith("reviews "))
      percent[target.slice(8)] = Number(data.traffic.rates.httpPercentReqOfService ?? 0);
  }
  return Object.fromEntries(["v1", "v2", "v3"].map((v) => [v, percent[v] ?? 0]));
}

const REVIEWS_50_50 = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo" },
  spec: {
    hosts: ["reviews"],
    http: [
      {
        route: [
          { destination: { host: "reviews", subset: "v1" }, weight: 50 },
          { destination: { host: "reviews", subset: "v3" }, weight: 50 },
        ],
      },
    ],
  },
};

describe("the versioned service graph of a live Bookinfo", () => {
  let env: ScrapedSimulator;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let sources: GraphSources;
  let custom: CustomObjectsApi;

  const graph = () =>
    buildGraph(
      {
        namespaces: ["bookinfo"],
        graphType: "versionedApp",
        duration: WINDOW_SECONDS,
        idleNodes: false,
        responseTime: "95",
      },
      sources,
    );

  beforeAll(async () => {
    env = await startScrapedSimulator({
      prefix: "topsail-graph-",
      seed: 11,
      scrapeIntervalSeconds: 1,
      // More arrivals than the default make a 30 s window's shares tight; the other entry
      // points stay quiet to spare the shared CPUs.
      load: {
        "bookinfo-ingress": { requestsPerSecond: 40 },
      },
    });
    ({ sim, prometheus } = env);
    const connection = connectionFromKubeconfig(sim.kubeconfigPath);
    custom = connection.kubeConfig.makeApiClient(CustomObjectsApi);
    sources = liveSourcesOn(connection, prometheus.url, 10_000);
  });

  afterAll(async () => {
    await env?.stop();
  });

  it("shows exactly Bookinfo's calls: ingress → productpage → details and reviews v1/v2/v3, only v2 and v3 → ratings", async () => {
    const expected = [
      "istio-ingressgateway latest → productpage v1",
      "productpage v1 → details v1",
      "productpage v1 → reviews v1",
      "productpage v1 → reviews v2",
      "productpage v1 → reviews v3",
      "reviews v2 → ratings v1",
      "reviews v3 → ratings v1",
    ];
    const g = await eventually(graph, (g) => edgeNames(g).length >= expected.length, 60_000);
    expect(edgeNames(g)).toEqual(expected);
    expect(edgeNames(g)).not.toContain("reviews v1 → ratings v1");
  }, 90_000);

  it("draws a node's graph: reviews' callers and callees only, with the namespace graph's figures on its edges", async () => {
    // One evaluation time for both graphs, so Prometheus answers the same window twice.
    const at = { duration: WINDOW_SECONDS, idleNodes: false, responseTime: "95" as const };
    // The previous test ends as soon as rates exist; a window ending 2 s ago may not hold two
    // scrapes of every edge yet, so wait for reviews' calls to ratings as well.
    const { app, queryTime } = await eventually(
      async () => {
        const queryTime = Math.floor(Date.now() / 1000) - 2;
        const app = await buildGraph(
          {
            ...at,
            queryTime,
            namespaces: ["bookinfo"],
            graphType: "versionedApp",
            node: { kind: "app", namespace: "bookinfo", name: "reviews" },
          },
          sources,
        );
        return { app, queryTime };
      },
      ({ app }) => edgeNames(app).length >= 5,
      60_000,
    );
    expect(edgeNames(app)).toEqual([
      "productpage v1 → reviews v1",
      "productpage v1 → reviews v2",
      "productpage v1 → reviews v3",
      "reviews v2 → ratings v1",
      "reviews v3 → ratings v1",
    ]);
    const whole = await buildGraph({ ...at, queryTime, namespaces: ["bookinfo"], graphType: "versionedApp" }, sources);
    const wholeEdges = new Map(whole.elements.edges.map((e) => [e.data.id, e.data]));
    for (const { data } of app.elements.edges) {
      expect(data.traffic.rates.http, edgeNames(app).join()).toBe(wholeEdges.get(data.id)?.traffic.rates.http);
      expect(data.isMTLS).toBe(wholeEdges.get(data.id)?.isMTLS);
    }

    const service = await buildGraph(
      {
        ...at,
        queryTime,
        namespaces: ["bookinfo"],
        graphType: "service",
        node: { kind: "service", namespace: "bookinfo", name: "reviews" },
      },
      sources,
    );
    expect(edgeNames(service)).toEqual([
      "productpage v1 → svc:reviews",
      "svc:reviews → reviews v1",
      "svc:reviews → reviews v2",
      "svc:reviews → reviews v3",
    ]);
  }, 30_000);

  it("splits productpage → reviews 50/50 between v1 and v3 once a window has passed after the VirtualService", async () => {
    await custom.createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: "bookinfo",
      plural: "virtualservices",
      body: REVIEWS_50_50,
    });
    const settled = (g: GraphResponse) => {
      const split = reviewsSplit(g);
      return (split.v2 ?? 100) < 2 && Math.abs((split.v1 ?? 0) - 50) <= 5;
    };
    // The old routing leaves the window after WINDOW_SECONDS; allow scrape and rate() slack.
    await new Promise((r) => setTimeout(r, WINDOW_SECONDS * 1000));
    const g = await eventually(graph, settled, 60_000);
    const split = reviewsSplit(g);
    expect(split.v1).toBeGreaterThanOrEqual(45);
    expect(split.v1).toBeLessThanOrEqual(55);
    expect(split.v3).toBeGreaterThanOrEqual(45);
    expect(split.v3).toBeLessThanOrEqual(55);
    expect(split.v2).toBeLessThan(2);
    const reviewsBox = g.elements.nodes.find((n) => n.data.isBox && n.data.app === "reviews")?.data;
    expect(reviewsBox).toMatchObject({ hasVS: true, hasTrafficShifting: true });
  }, 150_000);

  it("reads many namespaces with cluster-wide lists: the gateway is inside, idle workloads show", async () => {
    const g = await buildGraph(
      {
        namespaces: ["bookinfo", "httpbin", "istio-system", "tcp-echo"],
        graphType: "workload",
        duration: WINDOW_SECONDS,
        idleNodes: true,
        responseTime: "95",
      },
      sources,
    );
    const gateway = g.elements.nodes.find((n) => n.data.workload === "istio-ingressgateway")?.data;
    expect(gateway).toMatchObject({ isGateway: true, isRoot: true });
    expect(gateway?.isOutside).toBeUndefined();
    // fortio sends nothing in this suite, so httpbin is idle but present.
    expect(g.elements.nodes.find((n) => n.data.workload === "httpbin-v1")?.data).toMatchObject({
      isIdle: true,
      healthData: { status: "healthy" },
    });
  }, 60_000);
});
