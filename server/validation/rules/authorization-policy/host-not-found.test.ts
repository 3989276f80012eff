import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkOperationHostsExist } from "./host-not-found";

const policy = (namespace: string, hosts: string) => `
kind: AuthorizationPolicy
metadata: { name: hosts, namespace: ${namespace} }
spec:
  rules:
  - to: [{ operation: { hosts: [${hosts}] } }]
`;

const EXTRA = `
kind: ServiceEntry
metadata: { name: httpbin-org, namespace: bookinfo }
spec: { hosts: [httpbin.org], ports: [{ number: 443, name: https, protocol: TLS }], resolution: DNS }
---
kind: VirtualService
metadata: { name: bookinfo, namespace: bookinfo }
spec: { hosts: [bookinfo.example.com], gateways: [bookinfo-gateway], http: [{ route: [{ destination: { host: reviews } }] }] }
`;

describe("KIA0104 operation host with no matching entry in the registry", () => {
  const context = contextFrom(`${BOOKINFO}\n---\n${EXTRA}`);

  it("accepts Service names in every form a Host header takes, ServiceEntry and VirtualService hosts, and own-namespace wildcards", () => {
    const hosts = `reviews, "reviews:9080", reviews.bookinfo, ratings.bookinfo.svc.cluster.local, httpbin.org, bookinfo.example.com, "*", "*.bookinfo.svc.cluster.local", "*.example.com"`;
    expect(checkOperationHostsExist(objectOf("AuthorizationPolicy", policy("bookinfo", hosts)), context)).toEqual([]);
  });

  it("flags a host nothing knows, and a short name used from another namespace", () => {
    const ap = objectOf("AuthorizationPolicy", policy("shop", `reviews.bookinfo, reviewz.bookinfo, reviews`));
    expect(checkOperationHostsExist(ap, context)).toEqual([
      {
        code: "KIA0104",
        severity: "error",
        message:
          'This host has no matching entry in the service registry: "reviewz.bookinfo" is no Service, ServiceEntry or VirtualService host; fix the host or add a ServiceEntry for it',
        path: "spec/rules[0]/to[0]/operation/hosts[1]",
      },
      expect.objectContaining({ code: "KIA0104", path: "spec/rules[0]/to[0]/operation/hosts[2]" }),
    ]);
  });
});
