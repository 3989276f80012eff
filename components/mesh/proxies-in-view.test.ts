import { describe, expect, it } from "vitest";
import type { ProxySyncRow } from "@/lib/contracts/mesh";
import { proxiesInView } from "./proxies-in-view";

const synced = { state: "SYNCED" } as const;
const proxy = (namespace: string, pod: string, proxyType = "sidecar"): ProxySyncRow => ({
  namespace,
  pod,
  proxyType,
  clusterId: "Kubernetes",
  istioVersion: "1.24.2",
  istiod: "istiod-1",
  types: { CDS: synced, LDS: synced, EDS: synced, RDS: synced, ECDS: synced },
  overall: "SYNCED",
});

const proxies = [
  proxy("bookinfo", "productpage-v1-1"),
  proxy("tcp-echo", "tcp-echo-v1-1"),
  proxy("istio-system", "istio-ingressgateway-1", "router"),
];

describe("the Mesh page's proxies under the namespace selection", () => {
  it("lists the selected namespaces' sidecars and every gateway, and counts the rest as hidden", () => {
    const { shown, hidden } = proxiesInView(proxies, ["bookinfo"]);
    expect(shown.map((p) => p.pod)).toEqual(["productpage-v1-1", "istio-ingressgateway-1"]);
    expect(hidden).toBe(1);
  });

  it("lists every proxy without a selection", () => {
    expect(proxiesInView(proxies, [])).toEqual({ shown: proxies, hidden: 0 });
  });
});
