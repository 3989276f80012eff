import { describe, expect, it } from "vitest";
import type { ServiceEntry } from "@/lib/istio/types";
import { addIdleNodes, applyClusterFlags } from "./apply-cluster-flags";
import { buildVersionedAppGraph } from "./build-versioned-app-graph";
import { buildTrafficMap, endpointsFor } from "./build-traffic-map";
import { clusterState, row, workload } from "./test-support/rows";
import type { ClusterState } from "./graph-sources";
import type { TrafficMap } from "./traffic-map";

const rows = [
  row("istio-ingressgateway", "productpage-v1", { sourceNs: "istio-system" }),
  row("productpage-v1", "reviews-v1"),
  row("productpage-v1", "unknown", {
    reporter: "source",
    destService: { host: "api.example.com", name: "api.example.com", namespace: "bookinfo" },
  }),
];

const find = (map: TrafficMap, app: string, version?: string) =>
  [...map.nodes.values()].find(
    (n) => (n.data.app === app || n.data.service === app) && n.data.version === version && n.data.nodeType !== "box",
  )?.data;

function flagged(state: Partial<ClusterState>, idle = false) {
  const full = clusterState(state);
  let map = buildVersionedAppGraph(rows, []);
  if (idle) map = addIdleNodes(map, full, "versionedApp");
  return applyClusterFlags(map, full, ["bookinfo"]);
}

describe("flags from the cluster", () => {
  it("marks the ingress gateway as a gateway, a root and outside the requested namespaces", () => {
    expect(find(flagged({}), "istio-ingressgateway", "latest")).toMatchObject({
      isGateway: true,
      isRoot: true,
      isOutside: true,
    });
    expect(find(flagged({}), "productpage", "v1")?.isRoot).toBeUndefined();
  });

  it("marks workloads with pods lacking the sidecar, entirely out of the mesh, or with no running pod", () => {
    const map = flagged({
      workloads: [
        workload("productpage-v1", { pods: 2, podsWithoutSidecar: 1 }),
        workload("reviews-v1", { pods: 1, podsWithoutSidecar: 1, runningPods: 0, availableReplicas: 0 }),
      ],
    });
    expect(find(map, "productpage", "v1")).toMatchObject({ hasMissingSC: true });
    expect(find(map, "productpage", "v1")?.isOutOfMesh).toBeUndefined();
    expect(find(map, "reviews", "v1")).toMatchObject({ hasMissingSC: true, isOutOfMesh: true, isDead: true });
  });

  it("marks a service node a ServiceEntry declares as external", () => {
    const se: ServiceEntry = {
      apiVersion: "networking.istio.io/v1",
      kind: "ServiceEntry",
      metadata: { name: "api", namespace: "bookinfo" },
      spec: { hosts: ["api.example.com"], location: "MESH_EXTERNAL" },
    };
    expect(find(flagged({ serviceEntries: [se] }), "api.example.com")?.isServiceEntry).toEqual({
      location: "MESH_EXTERNAL",
      hosts: ["api.example.com"],
    });
  });

  it("adds workloads without traffic as idle nodes, boxed with their app, only when asked", () => {
    const state = { workloads: [workload("reviews-v1"), workload("reviews-v2"), workload("ratings-v1")] };
    expect(find(flagged(state), "reviews", "v2")).toBeUndefined();
    const map = flagged(state, true);
    expect(find(map, "reviews", "v2")).toMatchObject({ isIdle: true, parent: find(map, "reviews", "v1")?.parent });
    expect(find(map, "reviews", "v1")?.isIdle).toBeUndefined();
    expect(find(map, "ratings", "v1")?.isIdle).toBe(true);
  });

  it("adds idle services in a service graph", () => {
    const map = addIdleNodes(
      buildTrafficMap([], [], endpointsFor("service")),
      clusterState({ services: [{ namespace: "bookinfo", name: "ratings", selector: { app: "ratings" }, ports: [] }] }),
      "service",
    );
    expect([...map.nodes.values()].map((n) => [n.data.service, n.data.isIdle])).toEqual([["ratings", true]]);
  });
});
