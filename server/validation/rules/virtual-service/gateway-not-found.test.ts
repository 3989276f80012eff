import { describe, expect, it } from "vitest";
import { BOOKINFO, codesOf, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkGatewaysExist } from "./gateway-not-found";

const context = contextFrom(BOOKINFO);

describe("KIA1102 gateway not found", () => {
  it("accepts mesh, a bare name in the namespace, and ns/name", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: bookinfo, namespace: bookinfo }
spec:
  hosts: [bookinfo.example.com]
  gateways: [mesh, bookinfo-gateway, bookinfo/bookinfo-gateway]
  http: [{ route: [{ destination: { host: reviews } }] }]
`,
    );
    expect(checkGatewaysExist(vs, context)).toEqual([]);
  });

  it("flags a missing gateway at the top level and in a match", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: bookinfo, namespace: bookinfo }
spec:
  hosts: [bookinfo.example.com]
  gateways: [istio-system/bookinfo-gateway]
  http:
  - match: [{ gateways: [no-such-gateway] }]
    route: [{ destination: { host: reviews } }]
`,
    );
    const checks = checkGatewaysExist(vs, context);
    expect(codesOf(checks)).toEqual(["KIA1102", "KIA1102"]);
    expect(checks.map((c) => c.path)).toEqual(["spec/gateways[0]", "spec/http[0]/match[0]/gateways[0]"]);
    expect(checks[1]?.message).toContain("bookinfo/no-such-gateway");
  });
});
