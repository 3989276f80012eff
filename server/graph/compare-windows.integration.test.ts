/**
 * Issue 22's acceptance for the graph comparison, against the real thing: the simulator's
 * Bookinfo (reviews round robin), a real Prometheus scraping every 2 s, a VirtualService
 * shifting reviews 80/20 to v1/v2 written through client-node, then the windows before and
 * after the shift compared as the console compares them (compare-windows.ts). Windows are
 * 30 s (the graph's shortest) instead of the acceptance's 5 minutes, to keep the run short.
 */
import { CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import type { EdgeComparison, GraphComparison } from "@/lib/contracts/graph-compare";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import type { RunningSimulator } from "@/sim/index";
import { eventually, startScrapedSimulator, type ScrapedSimulator } from "@/sim/mesh/test-support/prometheus-harness";
import { connectionFromKubeconfig } from "@/server/adapters/kube";
import { buildGraph, type GraphRequest } from "./build-graph";
import { compareGraphWindows } from "./compare-windows";
import type { GraphSources } from "./graph-sources";
import { liveSourcesOn } from "./test-support/live-sources-on";

const WINDOW_SECONDS = 30;
/** Routing reaches the sidecars, and Prometheus scrapes it, a little after the write. */
const SETTLE_SECONDS = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nowSeconds = () => Math.floor(Date.now() / 1000);

const REVIEWS_80_20 = {
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name: "reviews", namespace: "bookinfo" },
  spec: {
    hosts: ["reviews"],
    http: [
      {
        route: [
          { destination: { host: "reviews", subset: "v1" }, weight: 80 },
          { destination: { host: "reviews", subset: "v2" }, weight: 20 },
        ],
      },
    ],
  },
};

const edgeNamed = (c: GraphComparison, source: string, target: string): EdgeComparison | undefined =>
  c.edges.find((e) => e.source.name === source && e.target.name === target);

describe("comparing the windows before and after a reviews 80/20 shift", () => {
  let env: ScrapedSimulator;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let sources: GraphSources;
  let custom: CustomObjectsApi;

  const read = (request: GraphRequest): Promise<GraphResponse> => buildGraph(request, sources);

  beforeAll(async () => {
    env = await startScrapedSimulator({
      prefix: "topsail-compare-",
      seed: 22,
      scrapeIntervalSeconds: 2,
      // Enough arrivals for tight 30 s shares; the other entry points stay quiet to spare the shared CPUs.
      load: {
        "bookinfo-ingress": { requestsPerSecond: 30 },
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

  it("lists the reviews edges that changed, with their deltas: v1's share up to ~80 %, v3 gone", async () => {
    const started = nowSeconds();
    const roundRobin = (g: GraphResponse) =>
      g.elements.edges.filter((e) =>
        g.elements.nodes.some((n) => n.data.id === e.data.target && n.data.app === "reviews"),
      ).length === 3;
    await eventually(
      () =>
        read({
          namespaces: ["bookinfo"],
          graphType: "versionedApp",
          duration: WINDOW_SECONDS,
          idleNodes: false,
          responseTime: "95",
        }),
      roundRobin,
      60_000,
    );
    // The before window must hold round-robin traffic only: a full window since the first requests.
    await sleep(Math.max(0, started + WINDOW_SECONDS + SETTLE_SECONDS - nowSeconds()) * 1000);

    const shiftAt = nowSeconds();
    await custom.createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: "bookinfo",
      plural: "virtualservices",
      body: REVIEWS_80_20,
    });
    // The after window starts once the new routing is in effect and ends in the past.
    const after = shiftAt + SETTLE_SECONDS + WINDOW_SECONDS;
    await sleep((after + SETTLE_SECONDS - nowSeconds()) * 1000);

    const c = await compareGraphWindows(
      {
        namespaces: ["bookinfo"],
        graphType: "versionedApp",
        duration: WINDOW_SECONDS,
        before: shiftAt,
        after,
        graphs: false,
      },
      read,
    );

    const v1 = edgeNamed(c, "productpage v1", "reviews v1");
    expect(v1?.status).toBe("changed");
    expect(v1?.before?.percentReqOfService).toBeGreaterThan(23);
    expect(v1?.before?.percentReqOfService).toBeLessThan(43);
    expect(v1?.after?.percentReqOfService).toBeGreaterThan(72);
    expect(v1?.after?.percentReqOfService).toBeLessThan(88);
    expect(v1?.delta.rate).toBeGreaterThan(0);
    expect(v1?.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(["rate", "share"]));

    const v2 = edgeNamed(c, "productpage v1", "reviews v2");
    expect(v2?.delta.rate).toBeLessThan(0);
    expect(v2?.after?.percentReqOfService).toBeLessThan(28);

    // v3 takes no traffic after the shift: its edge, and its calls to ratings, vanished.
    expect(edgeNamed(c, "productpage v1", "reviews v3")?.status).toBe("vanished");
    expect(edgeNamed(c, "reviews v3", "ratings v1")?.status).toBe("vanished");
    expect(c.nodes.vanished.map((n) => n.name)).toContain("reviews v3");

    // What did not move is not listed as a change: productpage still calls details as often.
    expect(edgeNamed(c, "productpage v1", "details v1")?.status).toBe("unchanged");
  }, 180_000);
});
