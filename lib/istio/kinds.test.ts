import { describe, expect, it } from "vitest";
import { findIstioKind, isServedApiVersion, resolveIstioKind } from "./kinds";

describe("Istio kinds", () => {
  it("resolves kinds by kind, plural and short name, as kubectl does", () => {
    expect(resolveIstioKind("vs")?.kind).toBe("VirtualService");
    expect(resolveIstioKind("DestinationRules")?.kind).toBe("DestinationRule");
    expect(resolveIstioKind("authorizationpolicy")?.plural).toBe("authorizationpolicies");
    expect(resolveIstioKind("Deployment")).toBeUndefined();
  });

  it("knows which apiVersions a group serves", () => {
    const vs = findIstioKind("VirtualService")!;
    expect(isServedApiVersion(vs, "networking.istio.io/v1alpha3")).toBe(true);
    expect(isServedApiVersion(vs, "networking.istio.io/v2")).toBe(false);
    expect(isServedApiVersion(vs, "security.istio.io/v1")).toBe(false);
    expect(isServedApiVersion(findIstioKind("PeerAuthentication")!, "security.istio.io/v1beta1")).toBe(true);
  });
});
