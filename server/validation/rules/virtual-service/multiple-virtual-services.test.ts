import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkSingleVirtualServicePerHost } from "./multiple-virtual-services";

const REVIEWS_VS = `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec: { hosts: [reviews], http: [{ route: [{ destination: { host: reviews, subset: v1 } }] }] }
`;

describe("KIA1106 more than one VirtualService for the same host", () => {
  it("accepts the same host bound to different gateways, and the object itself", () => {
    const context = contextFrom(`${BOOKINFO}\n---\n${REVIEWS_VS}`);
    const onGateway = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews-ingress, namespace: bookinfo }
spec: { hosts: [reviews.bookinfo.svc.cluster.local], gateways: [bookinfo-gateway], http: [{ route: [{ destination: { host: reviews } }] }] }
`,
    );
    expect(checkSingleVirtualServicePerHost(onGateway, context)).toEqual([]);
    expect(checkSingleVirtualServicePerHost(objectOf("VirtualService", REVIEWS_VS), context)).toEqual([]);
  });

  it("warns when two VirtualServices on the sidecars claim reviews, short name or FQDN", () => {
    const context = contextFrom(`${BOOKINFO}\n---\n${REVIEWS_VS}`);
    const second = objectOf(
      "VirtualService",
      `
kind: VirtualService
metadata: { name: reviews-canary, namespace: bookinfo }
spec: { hosts: [ratings, reviews.bookinfo.svc.cluster.local], http: [{ route: [{ destination: { host: reviews, subset: v2 } }] }] }
`,
    );
    expect(checkSingleVirtualServicePerHost(second, context)).toEqual([
      {
        code: "KIA1106",
        severity: "warning",
        message:
          "More than one Virtual Service for same host: reviews.bookinfo.svc.cluster.local is also in bookinfo/reviews",
        path: "spec/hosts[1]",
      },
    ]);
  });
});
