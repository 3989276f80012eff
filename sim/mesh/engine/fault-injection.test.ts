import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { sumOf, type Sample } from "../test-support/parse-metrics";
import {
  RATINGS_DELAY_2S,
  RATINGS_TEST_ABORT,
  RATINGS_TEST_DELAY,
  REVIEWS_TEST_V2,
  REVIEWS_V2_TIMEOUT_HALF_SECOND,
  VIRTUAL_SERVICE_ALL_V1,
} from "../test-support/sample-networking";

const R = "istio_requests_total";
const D = "istio_request_duration_milliseconds";

/** Requests of a series slower than `le` ms (from the cumulative buckets). */
function slowerThan(samples: Sample[], le: string, filter: Record<string, string>): number {
  return sumOf(samples, `${D}_count`, filter) - sumOf(samples, `${D}_bucket`, { ...filter, le });
}

describe("ratings aborts with 500 for jason (ratings-test-abort)", () => {
  const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 20, jasonShare: 0.1 } }, 11);
  h.apply(VIRTUAL_SERVICE_ALL_V1 + REVIEWS_TEST_V2 + RATINGS_TEST_ABORT);
  h.run(60_000);
  const samples = h.samples();

  it("fails reviews → ratings with 500 FI for jason's share only, seen by the client proxy alone", () => {
    const aborted = sumOf(samples, R, {
      reporter: "source",
      source_workload: "reviews-v2",
      destination_service_name: "ratings",
      response_code: "500",
      response_flags: "FI",
    });
    const jasonPages = sumOf(samples, R, { reporter: "destination", destination_workload: "reviews-v2" });
    expect(aborted).toBe(jasonPages);
    const pages = sumOf(samples, R, { reporter: "destination", destination_workload: "productpage-v1" });
    expect((aborted / pages) * 100).toBeGreaterThan(6);
    expect((aborted / pages) * 100).toBeLessThan(14);
    // The abort happens in reviews' sidecar: ratings never sees
    // those requests, and the client does not know the upstream.
    expect(
      sumOf(samples, R, { reporter: "destination", destination_workload: "ratings-v1", response_code: "500" }),
    ).toBe(0);
    expect(sumOf(samples, R, { reporter: "source", response_flags: "FI", destination_workload: "unknown" })).toBe(
      aborted,
    );
  });

  it("still answers every page with 200", () => {
    expect(
      sumOf(samples, R, { reporter: "destination", destination_workload: "productpage-v1", response_code: "200" }),
    ).toBe(sumOf(samples, R, { reporter: "destination", destination_workload: "productpage-v1" }));
  });
});

describe("ratings is delayed 7 s for jason (ratings-test-delay)", () => {
  const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 20, jasonShare: 0.1 } }, 12);
  h.apply(VIRTUAL_SERVICE_ALL_V1 + REVIEWS_TEST_V2 + RATINGS_TEST_DELAY);
  h.run(60_000);
  const samples = h.samples();

  it("makes productpage give up on reviews twice (3 s each), so jason's pages take about 6 s", () => {
    const jasonReviews = sumOf(samples, R, {
      reporter: "source",
      source_workload: "productpage-v1",
      destination_workload: "reviews-v2",
    });
    const gaveUp = sumOf(samples, R, {
      reporter: "source",
      source_workload: "productpage-v1",
      destination_workload: "reviews-v2",
      response_code: "0",
      response_flags: "DC",
    });
    expect(gaveUp).toBeGreaterThan(100);
    // Jason's requests all end that way (the last few may still be in flight).
    expect(jasonReviews - gaveUp).toBeLessThan(10);
    // reviews' sidecar sees its caller hang up too.
    expect(
      sumOf(samples, R, {
        reporter: "destination",
        destination_workload: "reviews-v2",
        response_code: "0",
        response_flags: "DC",
      }),
    ).toBe(gaveUp);
    const pageFilter = { reporter: "destination", destination_workload: "productpage-v1" };
    const slowPages = slowerThan(samples, "5000", pageFilter);
    expect(slowPages).toBeGreaterThan(gaveUp / 2 - 10);
    expect(slowerThan(samples, "10000", pageFilter)).toBe(0);
    expect(sumOf(samples, R, { ...pageFilter, response_code: "200" })).toBe(sumOf(samples, R, pageFilter));
  });

  it("shows the delay flag on reviews → ratings and lets reviews-v2 (10 s timeout) wait it out", () => {
    const delayed = sumOf(samples, R, {
      reporter: "source",
      source_workload: "reviews-v2",
      destination_workload: "ratings-v1",
      response_code: "200",
      response_flags: "DI",
    });
    expect(delayed).toBeGreaterThan(100);
    expect(
      slowerThan(samples, "5000", { reporter: "source", source_workload: "reviews-v2", response_flags: "DI" }),
    ).toBe(delayed);
  });
});

describe("a 0.5 s timeout on reviews while ratings is delayed 2 s", () => {
  it("answers productpage's calls to reviews with 504 UT, and reviews sees the reset as DC", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 10 } }, 13);
    h.apply(REVIEWS_V2_TIMEOUT_HALF_SECOND + RATINGS_DELAY_2S);
    h.run(30_000);
    const samples = h.samples();
    const calls = sumOf(samples, R, {
      reporter: "source",
      source_workload: "productpage-v1",
      destination_service_name: "reviews",
    });
    const timedOut = sumOf(samples, R, {
      reporter: "source",
      source_workload: "productpage-v1",
      destination_service_name: "reviews",
      response_code: "504",
      response_flags: "UT",
    });
    expect(timedOut).toBeGreaterThan(0);
    expect(calls - timedOut).toBeLessThan(5);
    expect(
      sumOf(samples, R, {
        reporter: "destination",
        destination_workload: "reviews-v2",
        response_code: "0",
        response_flags: "DC",
      }),
    ).toBeGreaterThan(timedOut - 5);
    // productpage tries reviews twice, each cut at 0.5 s.
    const pages = sumOf(samples, R, { reporter: "destination", destination_workload: "productpage-v1" });
    expect(timedOut / pages).toBeGreaterThan(1.9);
  });
});
