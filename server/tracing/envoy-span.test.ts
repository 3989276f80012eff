import { describe, expect, it } from "vitest";
import { parseNodeId, readEnvoySpan, workloadOfPod } from "./envoy-span";
import { ratingsDelay } from "./test-support/bookinfo-records";

describe("reading an Envoy span", () => {
  it("finds the proxy's pod and namespace in node_id", () => {
    expect(
      parseNodeId("sidecar~10.244.1.12~productpage-v1-6b746f74dc-9stvs.bookinfo~bookinfo.svc.cluster.local"),
    ).toEqual({ proxy: "sidecar", pod: "productpage-v1-6b746f74dc-9stvs", namespace: "bookinfo" });
    expect(
      parseNodeId("router~10.0.0.9~istio-ingressgateway-7f8d9c5b4-x2k9p.istio-system~istio-system.svc.cluster.local"),
    ).toMatchObject({ proxy: "router", namespace: "istio-system" });
    expect(parseNodeId("not-envoy")).toBeUndefined();
  });

  it("names the workload of Deployment, DaemonSet and StatefulSet pods", () => {
    expect(workloadOfPod("reviews-v2-5b667bcbf8-lk4vz")).toBe("reviews-v2");
    expect(workloadOfPod("node-agent-x7k2p")).toBe("node-agent");
    expect(workloadOfPod("mysqldb-0")).toBe("mysqldb");
    expect(workloadOfPod("standalone")).toBe("standalone");
  });

  it("reads a hop productpage gave up on as no code, flag DC, an error", () => {
    const gaveUp = ratingsDelay.spans.find((s) => s.tags.response_flags === "DC" && s.tags["span.kind"] === "client");
    expect(gaveUp && readEnvoySpan(gaveUp)).toMatchObject({
      workload: "productpage-v1",
      kind: "client",
      httpCode: undefined,
      responseFlags: "DC",
      error: true,
    });
  });
});
