import { describe, expect, it } from "vitest";
import { serviceOfCluster } from "./trace-path";
import { toTraceDetail } from "./to-trace-detail";
import { normalV2, ratingsAbort, ratingsDelay } from "./test-support/bookinfo-records";

const pathOf = (trace: typeof normalV2) => toTraceDetail(trace, () => true).path;
const hopRows = (trace: typeof normalV2) =>
  pathOf(trace).hops.map(
    (h) => `${h.from} → ${h.to} ${h.httpCode}${h.responseFlags ? ` ${h.responseFlags}` : ""}${h.error ? " error" : ""}`,
  );

describe("a trace's path through the graph", () => {
  it("follows Bookinfo from the gateway through productpage to details, reviews v2 and ratings", () => {
    expect(hopRows(normalV2)).toEqual([
      "istio-system/istio-ingressgateway → bookinfo/productpage-v1 200",
      "bookinfo/productpage-v1 → bookinfo/details-v1 200",
      "bookinfo/productpage-v1 → bookinfo/reviews-v2 200",
      "bookinfo/reviews-v2 → bookinfo/ratings-v1 200",
    ]);
    expect(pathOf(normalV2).nodes.find((n) => n.key === "bookinfo/reviews-v2")).toEqual({
      key: "bookinfo/reviews-v2",
      namespace: "bookinfo",
      workload: "reviews-v2",
      app: "reviews",
      version: "v2",
    });
  });

  it("ends an aborted call at the ratings service, as the graph draws requests no pod answered", () => {
    expect(hopRows(ratingsAbort)).toContain("bookinfo/reviews-v2 → bookinfo/service:ratings 500 FI error");
    expect(pathOf(ratingsAbort).nodes.find((n) => n.key === "bookinfo/service:ratings")).toMatchObject({
      service: "ratings",
      namespace: "bookinfo",
    });
  });

  it("makes productpage's two attempts at reviews one erroneous hop with no code", () => {
    const rows = hopRows(ratingsDelay);
    expect(rows.filter((r) => r.includes("→ bookinfo/reviews-v2"))).toEqual([
      "bookinfo/productpage-v1 → bookinfo/reviews-v2 0 DC error",
    ]);
    expect(rows).toContain("bookinfo/reviews-v2 → bookinfo/ratings-v1 200 DI");
  });

  it("reads the called service from an outbound cluster, and nothing from others", () => {
    expect(serviceOfCluster("outbound|9080|v1|ratings.bookinfo.svc.cluster.local")).toEqual({
      name: "ratings",
      namespace: "bookinfo",
    });
    expect(serviceOfCluster("inbound|9080||")).toBeUndefined();
    expect(serviceOfCluster("outbound|443||api.example.com")).toBeUndefined();
  });
});
