/**
 * Issue 19's egress acceptance against the real thing: the simulator's curl pod calling
 * httpbin.org, a real Prometheus scraping every second, and the graph engine reading both.
 * REGISTRY_ONLY in the `istio` ConfigMap blocks the host (a BlackHoleCluster node, all 502);
 * a ServiceEntry written through client-node opens it (an httpbin.org ServiceEntry node, 200s).
 * The edge panel's explanation is built from the same answer and the ConfigMap as written.
 */
import { CoreV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphNodeData, GraphResponse } from "@/lib/contracts/graph";
import { explainOutboundPolicy } from "@/lib/graph-view/outbound-explanation";
import { toViewGraph } from "@/lib/graph-view/view-model";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import type { RunningSimulator } from "@/sim/index";
import { eventually, startScrapedSimulator, type ScrapedSimulator } from "@/sim/mesh/test-support/prometheus-harness";
import { connectionFromKubeconfig } from "@/server/adapters/kube";
import { parseMeshSettings } from "@/server/mesh/mesh-config";
import { buildGraph } from "./build-graph";
import type { GraphSources } from "./graph-sources";
import { withOutboundPolicy } from "./outbound-policy";
import { liveSourcesOn } from "./test-support/live-sources-on";

const WINDOW_SECONDS = 10;
const NAMESPACE = "tcp-echo";

const serviceNode = (graph: GraphResponse, name: string): GraphNodeData | undefined =>
  graph.elements.nodes.find((n) => n.data.nodeType === "service" && n.data.service === name)?.data;

/** The curl → `name` edge's rates, when the graph draws one. */
function ratesInto(graph: GraphResponse, name: string): Record<string, string> | undefined {
  const curl = graph.elements.nodes.find((n) => n.data.nodeType === "workload" && n.data.workload === "curl")?.data;
  const target = serviceNode(graph, name);
  return graph.elements.edges.find((e) => e.data.source === curl?.id && e.data.target === target?.id)?.data.traffic
    .rates;
}

describe("egress to httpbin.org in the graph of a live mesh", () => {
  let env: ScrapedSimulator;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let sources: GraphSources;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  const graph = () =>
    buildGraph(
      {
        namespaces: [NAMESPACE],
        graphType: "workload",
        duration: WINDOW_SECONDS,
        idleNodes: false,
        responseTime: "95",
      },
      sources,
    );

  beforeAll(async () => {
    env = await startScrapedSimulator({
      prefix: "topsail-egress-",
      seed: 19,
      scrapeIntervalSeconds: 1,
      // Only the curl pod's calls: the rest of the mesh stays quiet to spare the shared CPUs.
      load: {
        external: { requestsPerSecond: 20, host: "httpbin.org", port: 80, path: "/headers" },
      },
    });
    ({ sim, prometheus } = env);
    const connection = connectionFromKubeconfig(sim.kubeconfigPath);
    core = connection.kubeConfig.makeApiClient(CoreV1Api);
    custom = connection.kubeConfig.makeApiClient(CustomObjectsApi);
    sources = liveSourcesOn(connection, prometheus.url, 10_000);
  });

  afterAll(async () => {
    await env?.stop();
  });

  it("shows REGISTRY_ONLY's blocked calls at BlackHoleCluster, then the ServiceEntry's host once it opens it", async () => {
    const istio = await core.readNamespacedConfigMap({ name: "istio", namespace: "istio-system" });
    const mesh = `${istio.data?.mesh ?? ""}\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n`;
    await core.replaceNamespacedConfigMap({
      name: "istio",
      namespace: "istio-system",
      body: { ...istio, data: { ...istio.data, mesh } },
    });

    const blocked = await eventually(
      graph,
      (g) => Number(ratesInto(g, "BlackHoleCluster")?.http ?? 0) > 5,
      20_000,
      1000,
    );
    expect(ratesInto(blocked, "BlackHoleCluster")).toMatchObject({ httpPercentErr: "100.0" });
    expect(serviceNode(blocked, "BlackHoleCluster")?.isDead).toBeUndefined();

    // The mode as the console reads it (server/mesh/mesh-config.ts), from the ConfigMap as the cluster now holds it.
    const explained = toViewGraph(
      await withOutboundPolicy(blocked, async () => {
        const now = await core.readNamespacedConfigMap({ name: "istio", namespace: "istio-system" });
        return parseMeshSettings([{ name: "istio", data: now.data ?? {} }], "istio-system");
      }),
    );
    expect(explained.outboundTrafficPolicy).toBe("REGISTRY_ONLY");
    const toBlackHole = explained.edges.find((e) => e.target === serviceNode(blocked, "BlackHoleCluster")?.id);
    const why =
      toBlackHole && explainOutboundPolicy(toBlackHole, explained.nodeById.get(toBlackHole.target), "REGISTRY_ONLY");
    expect(why?.kind).toBe("blocked");
    expect(why?.hosts).toEqual(["httpbin.org"]);
    expect(why?.action).toContain("add a ServiceEntry for httpbin.org");

    await custom.createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: NAMESPACE,
      plural: "serviceentries",
      body: {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: "httpbin-ext", namespace: NAMESPACE },
        spec: {
          hosts: ["httpbin.org"],
          ports: [{ number: 80, name: "http", protocol: "HTTP" }],
          resolution: "DNS",
          location: "MESH_EXTERNAL",
        },
      },
    });

    const opened = await eventually(
      graph,
      (g) => Number(ratesInto(g, "httpbin.org")?.http ?? 0) > 5 && ratesInto(g, "BlackHoleCluster") === undefined,
      25_000,
      1000,
    );
    expect(serviceNode(opened, "httpbin.org")?.isServiceEntry).toEqual({
      location: "MESH_EXTERNAL",
      hosts: ["httpbin.org"],
    });
    expect(Number(ratesInto(opened, "httpbin.org")?.httpPercentErr ?? 0)).toBe(0);
    expect(ratesInto(opened, "BlackHoleCluster")).toBeUndefined();
  }, 60_000);
});
