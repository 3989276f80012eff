import { describe, expect, it } from "vitest";
import type { Gateway, VirtualService } from "@/lib/istio/types";
import { parseObjects } from "@/server/validation/test-support/fixtures";
import { virtualServicesForHost } from "./bound-virtual-services";

const objects = parseObjects(`
kind: Gateway
metadata: { name: public, namespace: edge }
spec: { selector: { istio: ingressgateway }, servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*.example.com", "./internal.example.com", "bookinfo/reviews.example.com"] }] }
---
kind: VirtualService
metadata: { name: httpbin, namespace: httpbin }
spec: { hosts: [httpbin.example.com], gateways: [edge/public], http: [{ route: [{ destination: { host: httpbin } }] }] }
---
kind: VirtualService
metadata: { name: not-bound, namespace: httpbin }
spec: { hosts: [other.example.com], http: [{ route: [{ destination: { host: httpbin } }] }] }
---
kind: VirtualService
metadata: { name: by-match, namespace: edge }
spec:
  hosts: [internal.example.com, api.example.com]
  http: [{ match: [{ gateways: [public] }], route: [{ destination: { host: api } }] }]
---
kind: VirtualService
metadata: { name: internal-elsewhere, namespace: httpbin }
spec: { hosts: [internal.example.com], gateways: [edge/public], http: [{ route: [{ destination: { host: x } }] }] }
---
kind: VirtualService
metadata: { name: reviews, namespace: httpbin }
spec: { hosts: [reviews.example.com], gateways: [edge/public], http: [{ route: [{ destination: { host: x } }] }] }
`);
const gateway = objects.find((o) => o.kind === "Gateway") as unknown as Gateway;
const virtualServices = objects.filter((o) => o.kind === "VirtualService") as unknown as VirtualService[];
const bound = (host: string) =>
  virtualServicesForHost(gateway, host, virtualServices, "cluster.local").map((vs) => `${vs.namespace}/${vs.name}`);

describe("VirtualServices bound to a Gateway's host", () => {
  it("binds by the gateways field, top level or in a match, and by a wildcard server host", () => {
    expect(bound("*.example.com")).toEqual([
      "httpbin/httpbin",
      "edge/by-match",
      "httpbin/internal-elsewhere",
      "httpbin/reviews",
    ]);
    expect(virtualServicesForHost(gateway, "*.example.com", virtualServices, "cluster.local")[1]).toEqual({
      namespace: "edge",
      name: "by-match",
      hosts: ["internal.example.com", "api.example.com"],
    });
  });

  it("honours the namespace part of a server host (`./` is the Gateway's own namespace)", () => {
    expect(bound("./internal.example.com")).toEqual(["edge/by-match"]);
    expect(bound("bookinfo/reviews.example.com")).toEqual([]);
  });
});
