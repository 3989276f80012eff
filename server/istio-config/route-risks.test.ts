import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom } from "@/server/validation/test-support/fixtures";
import { findRouteRisks, newRouteRisks } from "./route-risks";

const routeTo = (...subsets: string[]) => `
---
kind: VirtualService
metadata: { name: reviews, namespace: bookinfo }
spec:
  hosts: [reviews]
  http: [{ route: [${subsets.map((s) => `{ destination: { host: reviews, subset: ${s} } }`).join(", ")}] }]
`;

/** Subset v3 is defined (labels version: v3) but no reviews-v3 pod runs. */
const WITH_V3_SUBSET = BOOKINFO.replace(
  "  - { name: v2, labels: { version: v2 } }",
  "  - { name: v2, labels: { version: v2 } }\n  - { name: v3, labels: { version: v3 } }",
);

describe("routes that send traffic nowhere", () => {
  it("finds none for subsets that are defined and have running pods", () => {
    expect(findRouteRisks(contextFrom(BOOKINFO + routeTo("v1", "v2")))).toEqual([]);
  });

  it("names a subset no DestinationRule defines by subset and service, never as host+subset", () => {
    expect(findRouteRisks(contextFrom(BOOKINFO + routeTo("v1", "v9")))).toEqual([
      {
        kind: "missing-subset",
        virtualService: { namespace: "bookinfo", name: "reviews" },
        host: "reviews.bookinfo.svc.cluster.local",
        subset: "v9",
        message: "subset v9 of reviews (bookinfo) is not defined in any DestinationRule",
      },
    ]);
  });

  it("names a defined subset whose labels select no running pod, with the 503 UH it causes", () => {
    expect(findRouteRisks(contextFrom(WITH_V3_SUBSET + routeTo("v3")))).toEqual([
      expect.objectContaining({
        kind: "subset-without-pods",
        subset: "v3",
        message: "subset v3 of reviews (bookinfo) selects no running pods: requests routed to it fail with 503 UH",
      }),
    ]);
  });

  it("counts only what a change adds: an old broken route is not the change's", () => {
    const before = contextFrom(BOOKINFO + routeTo("v1", "v9"));
    expect(newRouteRisks(before, contextFrom(BOOKINFO + routeTo("v1", "v9")))).toEqual([]);
    expect(newRouteRisks(contextFrom(BOOKINFO + routeTo("v1")), before).map((r) => r.subset)).toEqual(["v9"]);
  });

  it("counts removing a subset that a route still uses as the change's own", () => {
    const before = contextFrom(BOOKINFO + routeTo("v1", "v2"));
    const after = contextFrom(
      BOOKINFO.replace("  - { name: v2, labels: { version: v2 } }\n", "") + routeTo("v1", "v2"),
    );
    expect(newRouteRisks(before, after).map((r) => [r.kind, r.subset])).toEqual([["missing-subset", "v2"]]);
  });
});
