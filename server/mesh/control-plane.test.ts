import { describe, expect, it } from "vitest";
import type { PodObject } from "@/server/inventory/read-namespace-objects";
import { gatewaysOf, imageTag, istiodPodsOf } from "./control-plane";

const pod = (name: string, workload: string, labels: Record<string, string>, image: string): PodObject => ({
  name,
  workload,
  phase: "Running",
  ready: true,
  labels,
  containers: [{ name: workload === "istiod" ? "discovery" : "istio-proxy", image, ready: true, restarts: 0 }],
  hasSidecar: false,
  optsOutOfInjection: true,
});

const pods = [
  pod("istiod-1", "istiod", { app: "istiod", "istio.io/rev": "1-24" }, "docker.io/istio/pilot:1.24.2"),
  pod("egress-1", "istio-egressgateway", { app: "istio-egressgateway", istio: "egressgateway" }, "proxyv2:1.24.2"),
  pod("ingress-1", "istio-ingressgateway", { app: "istio-ingressgateway", istio: "ingressgateway" }, "p:1.24.2"),
  pod("prometheus-1", "prometheus", { app: "prometheus" }, "prom/prometheus:v2.54.1"),
];

describe("the mesh's components in its root namespace", () => {
  it("names istiod's version from its image tag and its revision from istio.io/rev", () => {
    expect(istiodPodsOf("istio-system", pods)).toEqual([
      {
        name: "istiod-1",
        namespace: "istio-system",
        ready: true,
        version: "1.24.2",
        revision: "1-24",
        image: "docker.io/istio/pilot:1.24.2",
      },
    ]);
    expect(imageTag("registry:5000/istio/pilot")).toBe("unknown");
  });

  it("lists the ingress gateway before the egress one, each with the Services selecting it", () => {
    const gateways = gatewaysOf("istio-system", pods, [
      {
        name: "istio-ingressgateway",
        type: "LoadBalancer",
        selector: { istio: "ingressgateway" },
        ports: [{ name: "http2", port: 80 }],
        externalAddresses: ["203.0.113.10"],
      },
    ]);
    expect(gateways.map((g) => [g.kind, g.name])).toEqual([
      ["ingress", "istio-ingressgateway"],
      ["egress", "istio-egressgateway"],
    ]);
    expect(gateways[0]?.services).toEqual([
      {
        name: "istio-ingressgateway",
        type: "LoadBalancer",
        externalAddresses: ["203.0.113.10"],
        ports: [{ name: "http2", port: 80 }],
      },
    ]);
    expect(gateways[1]?.services).toEqual([]);
  });
});
