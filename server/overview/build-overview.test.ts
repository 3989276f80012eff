import { describe, expect, it } from "vitest";
import { isControlPlaneNamespace } from "./build-overview";

const inventoryOf = (namespace: string, apps: string[]) => ({ namespace, workloads: apps.map((app) => ({ app })) });

describe("control-plane namespaces on the Overview", () => {
  it("are the mesh's root namespace and any namespace running istiod, not the applications' namespaces", () => {
    expect(isControlPlaneNamespace(inventoryOf("istio-system", []), "istio-system")).toBe(true);
    expect(isControlPlaneNamespace(inventoryOf("istio-canary", ["istiod"]), "istio-system")).toBe(true);
    expect(isControlPlaneNamespace(inventoryOf("bookinfo", ["reviews", "ratings"]), "istio-system")).toBe(false);
  });
});
