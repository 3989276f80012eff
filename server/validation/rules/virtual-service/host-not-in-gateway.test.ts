import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkHostsInGateways } from "./host-not-in-gateway";

const context = contextFrom(`${BOOKINFO}
---
kind: Gateway
metadata: { name: shared, namespace: istio-system }
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 443, name: https, protocol: HTTPS }
    hosts: ["team-a/*.example.org", "./admin.example.org"]
`);

const vsOn = (gateway: string, host: string, namespace = "bookinfo") =>
  objectOf(
    "VirtualService",
    `
kind: VirtualService
metadata: { name: front, namespace: ${namespace} }
spec: { hosts: ["${host}"], gateways: [${gateway}, mesh], http: [{ route: [{ destination: { host: reviews.bookinfo.svc.cluster.local } }] }] }
`,
  );

describe("IST0132 VirtualService host not in its Gateway", () => {
  it("accepts a host the gateway serves, wildcards and namespace parts included", () => {
    expect(checkHostsInGateways(vsOn("bookinfo-gateway", "bookinfo.example.com"), context)).toEqual([]);
    expect(checkHostsInGateways(vsOn("istio-system/shared", "shop.example.org", "team-a"), context)).toEqual([]);
  });

  it("flags a host the gateway does not serve, or serves only to other namespaces", () => {
    expect(checkHostsInGateways(vsOn("bookinfo-gateway", "shop.example.com"), context)).toEqual([
      {
        code: "IST0132",
        severity: "warning",
        message:
          "one or more host [shop.example.com] defined in VirtualService bookinfo/front not found in Gateway bookinfo/bookinfo-gateway.",
        path: "spec/hosts[0]",
      },
    ]);
    expect(checkHostsInGateways(vsOn("istio-system/shared", "shop.example.org"), context).map((c) => c.code)).toEqual([
      "IST0132",
    ]);
    expect(
      checkHostsInGateways(vsOn("istio-system/shared", "admin.example.org", "team-b"), context).map((c) => c.code),
    ).toEqual(["IST0132"]);
  });
});
