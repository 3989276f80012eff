import { describe, expect, it } from "vitest";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { findServiceVirtualService, readCanaryWeight, setCanaryWeights } from "./virtual-service-edits";

const vs = (spec: Record<string, unknown>, name = "ratings"): StoredIstioObject => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace: "bookinfo", resourceVersion: "7" }, spec });

describe("canary weights", () => {
  const target = { namespace: "bookinfo", service: "reviews", from: "v1", to: "v3" };

  it("creates a two-way split when no VirtualService exists", () => {
    const desired = setCanaryWeights(undefined, target, 10);
    expect(desired?.spec).toEqual({ hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" }, weight: 90 }, { destination: { host: "reviews", subset: "v3" }, weight: 10 }] }] });
    expect(readCanaryWeight(desired, target)).toBe(10);
  });

  it("shifts only the rules that route to A or B and keeps matches, timeouts and other rules", () => {
    const live = vs(
      {
        hosts: ["reviews"],
        http: [
          { match: [{ headers: { "end-user": { exact: "jason" } } }], route: [{ destination: { host: "reviews", subset: "v2" } }] },
          { timeout: "3s", route: [{ destination: { host: "reviews", subset: "v1" } }] },
        ],
      },
      "reviews",
    );
    const desired = setCanaryWeights(live, target, 50);
    const http = (desired?.spec as { http: { route: unknown; timeout?: string }[] }).http;
    expect(http[0]).toEqual((live.spec as { http: unknown[] }).http[0]);
    expect(http[1]).toEqual({ timeout: "3s", route: [{ destination: { host: "reviews", subset: "v1" }, weight: 50 }, { destination: { host: "reviews", subset: "v3" }, weight: 50 }] });
    expect(readCanaryWeight(setCanaryWeights(desired, target, 100), target)).toBe(100);
  });

  it("refuses a VirtualService with no rule it can shift", () => {
    const live = vs({ hosts: ["reviews"], http: [{ match: [{ uri: { prefix: "/" } }], route: [{ destination: { host: "reviews", subset: "v2" } }] }] }, "reviews");
    expect(setCanaryWeights(live, target, 10)).toBeUndefined();
  });

  it("finds the mesh VirtualService of a service, not a gateway-only one", () => {
    const gatewayOnly = vs({ hosts: ["reviews"], gateways: ["bookinfo-gateway"] }, "edge");
    const mesh = vs({ hosts: ["reviews.bookinfo.svc.cluster.local"] }, "reviews");
    expect(findServiceVirtualService([gatewayOnly, mesh], "reviews", "bookinfo")?.metadata.name).toBe("reviews");
  });
});
