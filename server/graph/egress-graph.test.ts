import { describe, expect, it } from "vitest";
import { graphResponseSchema, type GraphNodeData, type GraphResponse } from "@/lib/contracts/graph";
import type { PromSample } from "@/server/adapters/prometheus";
import { buildGraph } from "./build-graph";
import type { GraphSources } from "./graph-sources";
import { clusterState, workload } from "./test-support/rows";

/**
 * Hand-written answers of Prometheus to the graph's outbound requests query: the egress tasks'
 * curl pod (tcp-echo) blocked by REGISTRY_ONLY, let out through PassthroughCluster, and sent
 * through istio-egressgateway to httpbin.org, which a ServiceEntry declares.
 */
const curl = {
  source_cluster: "Kubernetes",
  source_workload_namespace: "tcp-echo",
  source_workload: "curl",
  source_canonical_service: "curl",
  source_canonical_revision: "latest",
};
const gateway = {
  source_cluster: "Kubernetes",
  source_workload_namespace: "istio-system",
  source_workload: "istio-egressgateway",
  source_canonical_service: "istio-egressgateway",
  source_canonical_revision: "latest",
};
const outside = (service: string, name: string, namespace = "unknown") => ({
  destination_cluster: "unknown",
  destination_service_namespace: namespace,
  destination_service: service,
  destination_service_name: name,
  destination_workload_namespace: "unknown",
  destination_workload: "unknown",
  destination_canonical_service: "unknown",
  destination_canonical_revision: "latest",
});
const toEgressGateway = {
  destination_cluster: "Kubernetes",
  destination_service_namespace: "istio-system",
  destination_service: "istio-egressgateway.istio-system.svc.cluster.local",
  destination_service_name: "istio-egressgateway",
  destination_workload_namespace: "istio-system",
  destination_workload: "istio-egressgateway",
  destination_canonical_service: "istio-egressgateway",
  destination_canonical_revision: "latest",
};
const http = (code: string) => ({
  request_protocol: "http",
  response_code: code,
  grpc_response_status: "",
  response_flags: "-",
});

const outbound: Record<string, PromSample[]> = {
  "tcp-echo": [
    { labels: { ...curl, ...outside("httpbin.org", "BlackHoleCluster"), ...http("502") }, value: 4 },
    { labels: { ...curl, ...outside("edition.cnn.com", "PassthroughCluster"), ...http("200") }, value: 2 },
    { labels: { ...curl, ...toEgressGateway, ...http("200") }, value: 3 },
  ],
  "istio-system": [
    { labels: { ...gateway, ...outside("httpbin.org", "httpbin.org", "tcp-echo"), ...http("200") }, value: 3 },
  ],
};

const sources: GraphSources = {
  async queryPrometheus(promql) {
    if (!promql.includes("istio_requests_total") || !promql.includes('reporter="source"')) return [];
    if (promql.includes('source_workload_namespace!="')) return [];
    const namespace = /source_workload_namespace="([^"]+)"/.exec(promql)?.[1] ?? "";
    return outbound[namespace] ?? [];
  },
  async existingNamespaces(namespaces) {
    return namespaces;
  },
  async readClusterState(namespaces) {
    return clusterState({
      namespaces,
      workloads: [
        workload("curl", { namespace: "tcp-echo" }),
        workload("istio-egressgateway", { namespace: "istio-system", labels: { istio: "egressgateway" } }),
      ],
      serviceEntries: [
        {
          apiVersion: "networking.istio.io/v1",
          kind: "ServiceEntry",
          metadata: { name: "httpbin-ext", namespace: "tcp-echo" },
          spec: { hosts: ["httpbin.org"], location: "MESH_EXTERNAL", resolution: "DNS" },
        },
      ],
    });
  },
};

async function egressGraph(): Promise<GraphResponse> {
  const graph = await buildGraph(
    {
      namespaces: ["tcp-echo", "istio-system"],
      graphType: "workload",
      duration: 60,
      idleNodes: false,
      responseTime: "95",
      queryTime: 1_800_000_000,
    },
    sources,
  );
  return graphResponseSchema.parse(graph);
}

const serviceNode = (graph: GraphResponse, name: string): GraphNodeData | undefined =>
  graph.elements.nodes.find((n) => n.data.nodeType === "service" && n.data.service === name)?.data;
const workloadNode = (graph: GraphResponse, name: string): GraphNodeData | undefined =>
  graph.elements.nodes.find((n) => n.data.nodeType === "workload" && n.data.workload === name)?.data;
const edgeBetween = (graph: GraphResponse, source?: GraphNodeData, target?: GraphNodeData) =>
  graph.elements.edges.find((e) => e.data.source === source?.id && e.data.target === target?.id)?.data;

describe("outbound traffic to hosts outside the mesh in the graph", () => {
  it("draws calls blocked by REGISTRY_ONLY to a BlackHoleCluster service node, all errors, never dead", async () => {
    const graph = await egressGraph();
    const blackHole = serviceNode(graph, "BlackHoleCluster");
    expect(blackHole).toBeDefined();
    expect(blackHole?.isDead).toBeUndefined();
    expect(blackHole?.isServiceEntry).toBeUndefined();
    const edge = edgeBetween(graph, workloadNode(graph, "curl"), blackHole);
    expect(edge?.traffic.rates).toMatchObject({ http: "4.00", httpPercentErr: "100.0" });
    // The called host survives on the edge: the edge panel names it in the ServiceEntry to add.
    expect(edge?.traffic.responses["502"]?.hosts).toEqual({ "httpbin.org": "100.0" });
  });

  it("draws calls let out by ALLOW_ANY to a PassthroughCluster service node", async () => {
    const graph = await egressGraph();
    const passthrough = serviceNode(graph, "PassthroughCluster");
    expect(passthrough?.isDead).toBeUndefined();
    expect(edgeBetween(graph, workloadNode(graph, "curl"), passthrough)?.traffic.rates).toMatchObject({ http: "2.00" });
  });

  it("draws curl → istio-egressgateway → httpbin.org, the host as a ServiceEntry node", async () => {
    const graph = await egressGraph();
    const egress = workloadNode(graph, "istio-egressgateway");
    const httpbin = serviceNode(graph, "httpbin.org");
    expect(egress?.isGateway).toBe(true);
    expect(httpbin?.isServiceEntry).toEqual({ location: "MESH_EXTERNAL", hosts: ["httpbin.org"] });
    expect(edgeBetween(graph, workloadNode(graph, "curl"), egress)?.traffic.rates).toMatchObject({ http: "3.00" });
    expect(edgeBetween(graph, egress, httpbin)?.traffic.rates).toMatchObject({ http: "3.00" });
  });
});
