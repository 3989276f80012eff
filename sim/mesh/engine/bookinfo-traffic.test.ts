import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { sumBy, sumOf } from "../test-support/parse-metrics";
import { REVIEWS_50_V3 } from "../test-support/sample-networking";

const R = "istio_requests_total";

describe("Bookinfo with its default config (no VirtualService for the services)", () => {
  const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 20 } });
  h.run(60_000);
  const samples = h.samples();

  it("sends users through the ingress gateway to productpage", () => {
    const viaGateway = sumOf(samples, R, {
      reporter: "source",
      source_workload: "istio-ingressgateway",
      destination_workload: "productpage-v1",
      response_code: "200",
    });
    expect(viaGateway).toBeGreaterThan(1000);
    // The gateway reports as source only; there is no destination report for the outside → gateway hop.
    expect(sumOf(samples, R, { destination_workload: "istio-ingressgateway" })).toBe(0);
  });

  it("has productpage call details and reviews, reviews v1/v2/v3 about a third each", () => {
    const details = sumOf(samples, R, {
      reporter: "destination",
      source_workload: "productpage-v1",
      destination_workload: "details-v1",
    });
    const reviews = sumBy(samples, R, "destination_version", {
      reporter: "destination",
      source_workload: "productpage-v1",
      destination_service_name: "reviews",
    });
    const total = (reviews.v1 ?? 0) + (reviews.v2 ?? 0) + (reviews.v3 ?? 0);
    expect(details).toBeGreaterThan(1000);
    expect(total).toBe(details);
    for (const version of ["v1", "v2", "v3"]) expect(((reviews[version] ?? 0) / total) * 100).toBeGreaterThan(28);
  });

  it("has reviews v2 and v3 call ratings, and v1 never", () => {
    const ratings = sumBy(samples, R, "source_workload", {
      reporter: "destination",
      destination_workload: "ratings-v1",
    });
    expect(ratings["reviews-v2"]).toBeGreaterThan(300);
    expect(ratings["reviews-v3"]).toBeGreaterThan(300);
    expect(ratings["reviews-v1"]).toBeUndefined();
  });

  it("reports every hop from both sides, mutual TLS between sidecars", () => {
    const dst = sumOf(samples, R, {
      reporter: "destination",
      source_workload: "reviews-v2",
      destination_workload: "ratings-v1",
    });
    const src = sumOf(samples, R, {
      reporter: "source",
      source_workload: "reviews-v2",
      destination_workload: "ratings-v1",
    });
    expect(src).toBe(dst);
    expect(sumOf(samples, R, { reporter: "destination", connection_security_policy: "mutual_tls" })).toBe(
      sumOf(samples, R, { reporter: "destination" }),
    );
    expect(sumOf(samples, R, { reporter: "source", connection_security_policy: "unknown" })).toBe(
      sumOf(samples, R, { reporter: "source" }),
    );
    const one = samples.find(
      (s) => s.name === R && s.labels.destination_workload === "ratings-v1" && s.labels.reporter === "destination",
    );
    expect(one?.labels).toMatchObject({
      source_principal: "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews",
      destination_principal: "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-ratings",
      destination_service: "ratings.bookinfo.svc.cluster.local",
      destination_service_namespace: "bookinfo",
      destination_canonical_service: "ratings",
      destination_canonical_revision: "v1",
      source_cluster: "Kubernetes",
      destination_cluster: "Kubernetes",
      request_protocol: "http",
      grpc_response_status: "",
      response_flags: "-",
    });
  });
});

describe("a 50/50 split of reviews between v1 and v3", () => {
  it("lands within 5 points of half over 1,200 requests", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 20 } }, 7);
    h.apply(REVIEWS_50_V3);
    h.run(60_000);
    const byVersion = sumBy(h.samples(), R, "destination_version", {
      reporter: "destination",
      destination_service_name: "reviews",
    });
    const total = (byVersion.v1 ?? 0) + (byVersion.v3 ?? 0);
    expect(total).toBeGreaterThanOrEqual(1100);
    expect(byVersion.v2).toBeUndefined();
    expect(Math.abs(((byVersion.v1 ?? 0) / total) * 100 - 50)).toBeLessThanOrEqual(5);
  });

  it("takes effect on a running mesh within a tick", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 50 } }, 3);
    h.run(10_000);
    const before = sumOf(h.samples(), R, { reporter: "destination", destination_workload: "reviews-v2" });
    h.apply(REVIEWS_50_V3);
    h.run(100);
    const justAfter = sumOf(h.samples(), R, { reporter: "destination", destination_workload: "reviews-v2" });
    h.run(10_000);
    // Requests in flight when the change landed may still finish at v2, nothing new goes there.
    expect(sumOf(h.samples(), R, { reporter: "destination", destination_workload: "reviews-v2" })).toBe(justAfter);
    expect(justAfter - before).toBeLessThan(5);
  });
});
