import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkRouteHostsExist } from "./host-not-found";

const context = contextFrom(`${BOOKINFO}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: external, namespace: bookinfo }
spec: { hosts: ["*.googleapis.com"], ports: [{ number: 443, name: https, protocol: TLS }], resolution: DNS }
`);

describe("KIA1101 route host not found", () => {
  it("accepts short names of Services in the namespace, FQDNs of others, and ServiceEntry wildcard hosts", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews }
      weight: 50
    - destination: { host: ratings.bookinfo.svc.cluster.local }
      weight: 40
    - destination: { host: storage.googleapis.com }
      weight: 10
`,
    );
    expect(checkRouteHostsExist(vs, context)).toEqual([]);
  });

  it("flags a destination host no Service or ServiceEntry provides, at the host", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: { host: reviews }
  tcp:
  - route:
    - destination: { host: reveiws }
`,
    );
    expect(checkRouteHostsExist(vs, context)).toEqual([
      {
        code: "KIA1101",
        severity: "error",
        message:
          "DestinationWeight on route doesn't have a valid service (host not found): reveiws.bookinfo.svc.cluster.local",
        path: "spec/tcp[0]/route[0]/destination/host",
      },
    ]);
  });

  it("resolves a short name in the VirtualService's namespace, not the Service's", () => {
    const vs = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews, namespace: frontend }
spec: { hosts: [reviews], http: [{ route: [{ destination: { host: reviews } }] }] }
`,
    );
    expect(checkRouteHostsExist(vs, context).map((c) => c.message)).toEqual([
      expect.stringContaining("reviews.frontend.svc.cluster.local"),
    ]);
  });
});
