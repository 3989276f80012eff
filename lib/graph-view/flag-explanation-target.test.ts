import { describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import {
  callerEdgeId,
  failingOutboundEdges,
  flagExplanationTarget,
  nodeFlagExplanationTarget,
} from "./flag-explanation-target";
import { toViewGraph } from "./view-model";

/** fortio → httpbin as the workload graph draws the circuit-breaking task: UO ends at the service node. */
function graphWith(responses: Record<string, { flags: Record<string, string>; hosts: Record<string, string> }>) {
  const response: GraphResponse = {
    timestamp: 1_800_000_000,
    duration: 60,
    graphType: "workload",
    elements: {
      nodes: [
        {
          data: {
            id: "f",
            nodeType: "workload",
            cluster: "Kubernetes",
            namespace: "httpbin",
            workload: "fortio-deploy",
          },
        },
        { data: { id: "s", nodeType: "service", cluster: "Kubernetes", namespace: "httpbin", service: "httpbin" } },
      ],
      edges: [
        {
          data: { id: "e", source: "f", target: "s", traffic: { protocol: "http", rates: { http: "300" }, responses } },
        },
      ],
    },
  };
  const graph = toViewGraph(response);
  const edge = graph.edges[0];
  if (!edge) throw new Error("no edge");
  return { graph, edge };
}

const host = { "httpbin.httpbin.svc.cluster.local": "100.0" };

describe("flagExplanationTarget", () => {
  it("asks about the caller's workload and the called service over the graph's own window when the edge has a flag", () => {
    const { graph, edge } = graphWith({
      "200": { flags: { "-": "63.0" }, hosts: host },
      "503": { flags: { UO: "37.0" }, hosts: host },
    });
    expect(flagExplanationTarget(edge, graph)).toEqual({
      namespace: "httpbin",
      destService: "httpbin",
      sourceNamespace: "httpbin",
      sourceWorkload: "fortio-deploy",
      duration: 60,
      queryTime: 1_800_000_000,
    });
  });

  it("asks nothing for an edge whose every request succeeded without a flag", () => {
    const { graph, edge } = graphWith({ "200": { flags: { "-": "100.0" }, hosts: host } });
    expect(flagExplanationTarget(edge, graph)).toBeUndefined();
  });
});

/** productpage v1 → reviews (service) → reviews v2, as the versioned-app graph draws them; v2 answers 503s itself. */
function versionedGraph() {
  const app = (id: string, name: string, version: string) => ({
    data: {
      id,
      nodeType: "app" as const,
      cluster: "c",
      namespace: "bookinfo",
      app: name,
      version,
      workload: `${name}-${version}`,
    },
  });
  const hostR = { "reviews.bookinfo.svc.cluster.local": "100.0" };
  const failing = { "200": { flags: { "-": "90.0" }, hosts: hostR }, "503": { flags: { "-": "10.0" }, hosts: hostR } };
  const response: GraphResponse = {
    timestamp: 1_800_000_000,
    duration: 300,
    graphType: "versionedApp",
    elements: {
      nodes: [
        app("pp", "productpage", "v1"),
        { data: { id: "svc", nodeType: "service", cluster: "c", namespace: "bookinfo", service: "reviews" } },
        app("rv2", "reviews", "v2"),
      ],
      edges: [
        {
          data: {
            id: "e1",
            source: "pp",
            target: "svc",
            traffic: { protocol: "http", rates: { http: "10" }, responses: failing },
          },
        },
        {
          data: {
            id: "e2",
            source: "svc",
            target: "rv2",
            traffic: { protocol: "http", rates: { http: "10" }, responses: failing },
          },
        },
      ],
    },
  };
  return toViewGraph(response);
}

describe("nodeFlagExplanationTarget", () => {
  it("asks about one version of an app when an edge into it has errors", () => {
    const graph = versionedGraph();
    expect(nodeFlagExplanationTarget(graph.nodeById.get("rv2")!, graph)).toEqual({
      node: { kind: "app", namespace: "bookinfo", name: "reviews", version: "v2" },
      duration: 300,
      queryTime: 1_800_000_000,
    });
  });

  it("asks nothing for a node whose inbound edges have nothing to explain", () => {
    const graph = versionedGraph();
    expect(nodeFlagExplanationTarget(graph.nodeById.get("pp")!, graph)).toBeUndefined();
  });
});

describe("callerEdgeId", () => {
  it("finds a caller's edge into the service the node was reached through", () => {
    const graph = versionedGraph();
    const caller = {
      namespace: "bookinfo",
      workload: "productpage-v1",
      app: "productpage",
      version: "v1",
      service: { namespace: "bookinfo", name: "reviews" },
      percent: 10,
    };
    expect(callerEdgeId(caller, graph.nodeById.get("rv2")!, graph)).toBe("e1");
    expect(callerEdgeId({ ...caller, version: "v2" }, graph.nodeById.get("rv2")!, graph)).toBeUndefined();
  });
});

describe("failingOutboundEdges", () => {
  it("lists a caller's outbound edges that have an explanation", () => {
    const graph = versionedGraph();
    expect(failingOutboundEdges(graph.nodeById.get("pp")!, graph).map((e) => e.id)).toEqual(["e1"]);
  });
});
