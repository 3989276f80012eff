import { describe, expect, it } from "vitest";
import { applied, expectIdempotent, reviewsDestinationRule, reviewsExisting } from "./__fixtures__/reviews";
import { buildCircuitBreaker, readCircuitBreaker } from "./circuit-breaker";

const input = {
  maxConnections: 1,
  http1MaxPendingRequests: 1,
  maxRequestsPerConnection: 1,
  consecutive5xxErrors: 1,
  interval: "1s",
  baseEjectionTime: "3m",
  maxEjectionPercent: 100,
};
const cleared = Object.fromEntries(Object.keys(input).map((k) => [k, null])) as unknown as typeof input;

describe("circuit breaker", () => {
  it("sets the pool and outlier fields, keeping TLS, connectTimeout and the subsets' policies", () => {
    const built = buildCircuitBreaker(reviewsExisting(), input);
    const expected = reviewsDestinationRule();
    expected.spec!.trafficPolicy = {
      tls: { mode: "ISTIO_MUTUAL" },
      connectionPool: {
        tcp: { connectTimeout: "5s", maxConnections: 1 },
        http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 },
      },
      outlierDetection: { consecutive5xxErrors: 1, interval: "1s", baseEjectionTime: "3m", maxEjectionPercent: 100 },
    };
    expect(built.destinationRule).toEqual(expected);
    expect(built.virtualService).toBeUndefined();
  });

  it("clearing every field restores the DestinationRule it started from", () => {
    const once = applied(reviewsExisting(), buildCircuitBreaker(reviewsExisting(), input));
    expect(buildCircuitBreaker(once, cleared).destinationRule).toEqual(reviewsDestinationRule());
  });

  it("creates a DestinationRule only when there is something to set", () => {
    expect(buildCircuitBreaker(reviewsExisting({ destinationRule: null }), cleared)).toEqual({});
    expect(buildCircuitBreaker(reviewsExisting({ destinationRule: null }), input).destinationRule?.spec?.host).toBe(
      "reviews",
    );
  });

  it("applying the same settings twice changes nothing, and they read back", () => {
    expectIdempotent(buildCircuitBreaker, reviewsExisting(), input);
    const once = applied(reviewsExisting(), buildCircuitBreaker(reviewsExisting(), input));
    expect(readCircuitBreaker(once)).toEqual({ supported: true, input });
  });
});
