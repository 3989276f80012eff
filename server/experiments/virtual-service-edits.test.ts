import { describe, expect, it } from "vitest";
import type { StoredIstioObject } from "@/server/adapters/kube/istio-objects";
import { findServiceVirtualService, insertFaultRule, removeFaultRule } from "./virtual-service-edits";
import { faultRecord } from "./test-support/records";

const fault = faultRecord().spec;
if (fault.kind !== "fault") throw new Error("fixture");

const vs = (spec: Record<string, unknown>, name = "ratings"): StoredIstioObject => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace: "bookinfo", resourceVersion: "7" }, spec });

describe("the fault rule", () => {
  it("creates the smallest VirtualService when there is none, and the revert deletes it again", () => {
    const inserted = insertFaultRule(undefined, fault, "f1");
    expect(inserted.created).toBe(true);
    expect(inserted.desired.spec).toEqual({
      hosts: ["ratings"],
      http: [
        {
          name: "topsail-experiment-f1",
          match: [{ headers: { "end-user": { exact: "jason" } } }],
          fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } },
          route: [{ destination: { host: "ratings", subset: "v1" } }],
        },
        { route: [{ destination: { host: "ratings" } }] },
      ],
    });
    expect(inserted.desired.metadata.annotations).toEqual({ "topsail.io/created-by-experiment": "f1" });
    expect(removeFaultRule(inserted.desired, "f1", inserted.createdRest)).toBeNull();
  });

  it("goes first in an existing VirtualService and comes out leaving an edit made meanwhile", () => {
    const live = vs({ hosts: ["ratings"], http: [{ route: [{ destination: { host: "ratings", subset: "v1" } }] }] });
    const inserted = insertFaultRule(live, { ...fault, subset: undefined }, "f1");
    const http = (inserted.desired.spec as { http: { name?: string; route: unknown }[] }).http;
    expect(http[0]?.name).toBe("topsail-experiment-f1");
    // Without a subset, the faulted requests keep the route the default rule gives them.
    expect(http[0]?.route).toEqual([{ destination: { host: "ratings", subset: "v1" } }]);

    const edited = structuredClone(inserted.desired);
    (edited.spec as { http: unknown[] }).http.push({ match: [{ uri: { prefix: "/x" } }], route: [{ destination: { host: "ratings" } }] });
    const reverted = removeFaultRule(edited, "f1");
    expect((reverted?.spec as { http: unknown[] }).http).toEqual([...(live.spec as { http: unknown[] }).http, { match: [{ uri: { prefix: "/x" } }], route: [{ destination: { host: "ratings" } }] }]);
    expect(reverted?.metadata.resourceVersion).toBe("7");
  });

  it("keeps a VirtualService it created when someone added to it", () => {
    const inserted = insertFaultRule(undefined, fault, "f1");
    const edited = structuredClone(inserted.desired);
    (edited.spec as { http: { timeout?: string }[] }).http[1]!.timeout = "2s";
    const kept = removeFaultRule(edited, "f1", inserted.createdRest);
    expect(kept?.spec).toEqual({ hosts: ["ratings"], http: [{ timeout: "2s", route: [{ destination: { host: "ratings" } }] }] });
    expect(kept?.metadata.annotations).toEqual({});
  });

  it("has nothing to remove once the rule is gone", () => {
    expect(removeFaultRule(vs({ hosts: ["ratings"], http: [] }), "f1")).toBeUndefined();
    expect(removeFaultRule(undefined, "f1")).toBeUndefined();
  });
});

describe("the service's VirtualService", () => {
  it("finds the mesh VirtualService of a service, not a gateway-only one", () => {
    const gatewayOnly = vs({ hosts: ["reviews"], gateways: ["bookinfo-gateway"] }, "edge");
    const mesh = vs({ hosts: ["reviews.bookinfo.svc.cluster.local"] }, "reviews");
    expect(findServiceVirtualService([gatewayOnly, mesh], "reviews", "bookinfo")?.metadata.name).toBe("reviews");
  });
});
