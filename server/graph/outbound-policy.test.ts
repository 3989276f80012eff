import { describe, expect, it } from "vitest";
import type { GraphNode, GraphResponse } from "@/lib/contracts/graph";
import type { MeshSettingsView } from "@/lib/contracts/mesh";
import { withOutboundPolicy } from "./outbound-policy";

const workload = (id: string): GraphNode => ({
  data: { id, nodeType: "workload", cluster: "c", namespace: "tcp-echo", workload: id },
});
const service = (id: string, namespace: string, extra: Partial<GraphNode["data"]> = {}): GraphNode => ({
  data: { id, nodeType: "service", cluster: "c", namespace, service: id, ...extra },
});
const graph = (...nodes: GraphNode[]): GraphResponse => ({
  timestamp: 0,
  duration: 60,
  graphType: "workload",
  elements: { nodes, edges: [] },
});
const settings = (extra: Partial<MeshSettingsView> = {}): MeshSettingsView => ({
  rootNamespace: "istio-system",
  trustDomain: "cluster.local",
  outboundTrafficPolicy: "REGISTRY_ONLY",
  enableAutoMtls: true,
  fromConfigMap: true,
  ...extra,
});

describe("the mesh's outbound traffic policy on the graph", () => {
  it("is added when calls went to BlackHoleCluster, PassthroughCluster or a MESH_EXTERNAL ServiceEntry host", async () => {
    for (const outside of [
      service("BlackHoleCluster", "unknown"),
      service("PassthroughCluster", "unknown"),
      service("httpbin.org", "tcp-echo", { isServiceEntry: { location: "MESH_EXTERNAL", hosts: ["httpbin.org"] } }),
    ]) {
      const g = await withOutboundPolicy(graph(workload("curl"), outside), async () => settings());
      expect(g.meshOutboundTrafficPolicy).toBe("REGISTRY_ONLY");
    }
  });

  it("is Istio's default, ALLOW_ANY, when the istio ConfigMap says nothing", async () => {
    const g = await withOutboundPolicy(graph(service("PassthroughCluster", "unknown")), async () =>
      settings({ outboundTrafficPolicy: "ALLOW_ANY", fromConfigMap: false }),
    );
    expect(g.meshOutboundTrafficPolicy).toBe("ALLOW_ANY");
  });

  it("is not read at all for a graph that stays inside the mesh", async () => {
    let reads = 0;
    const inside = graph(workload("productpage"), service("reviews", "bookinfo"));
    const g = await withOutboundPolicy(inside, async () => {
      reads++;
      return settings();
    });
    expect(reads).toBe(0);
    expect(g).toBe(inside);
    expect("meshOutboundTrafficPolicy" in g).toBe(false);
  });

  it("is left out, without failing the graph, when the settings cannot be read or do not parse", async () => {
    const outside = graph(service("BlackHoleCluster", "unknown"));
    const failed = await withOutboundPolicy(outside, async () => {
      throw new Error("kube unavailable");
    });
    expect(failed.meshOutboundTrafficPolicy).toBeUndefined();
    const unparsable = await withOutboundPolicy(outside, async () =>
      settings({ outboundTrafficPolicy: "ALLOW_ANY", problem: "its mesh is not YAML" }),
    );
    expect(unparsable.meshOutboundTrafficPolicy).toBeUndefined();
  });
});
