import { describe, expect, it } from "vitest";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { findServiceVirtualService } from "./virtual-service-edits";

const vs = (spec: Record<string, unknown>, name = "ratings"): StoredIstioObject => ({
  apiVersion: "networking.istio.io/v1",
  kind: "VirtualService",
  metadata: { name, namespace: "bookinfo", resourceVersion: "7" },
  spec,
});

describe("the service's VirtualService", () => {
  it("finds the mesh VirtualService of a service, not a gateway-only one", () => {
    const gatewayOnly = vs({ hosts: ["reviews"], gateways: ["bookinfo-gateway"] }, "edge");
    const mesh = vs({ hosts: ["reviews.bookinfo.svc.cluster.local"] }, "reviews");
    expect(findServiceVirtualService([gatewayOnly, mesh], "reviews", "bookinfo")?.metadata.name).toBe("reviews");
  });
});
