import { describe, expect, it } from "vitest";
import type { GraphResponse } from "@/lib/contracts/graph";
import { flagExplanationTarget } from "./flag-explanation-target";
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
