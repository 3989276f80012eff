import { describe, expect, it } from "vitest";
import { buildRetryPolicy, isRetriable } from "./retry-policy";

describe("retry conditions", () => {
  const defaults = buildRetryPolicy(undefined, undefined);

  it("retries a failed connection by default, not an application's 500 nor an overflowing pool", () => {
    expect(isRetriable({ kind: "connectFailure" }, defaults)).toBe(true);
    expect(isRetriable({ kind: "response", status: 500 }, defaults)).toBe(false);
    expect(isRetriable({ kind: "response", status: 503 }, defaults)).toBe(false);
    expect(isRetriable({ kind: "overflow" }, defaults)).toBe(false);
  });

  it("retries a gRPC UNAVAILABLE or CANCELLED answer (HTTP 200) by default, not other gRPC statuses", () => {
    expect(isRetriable({ kind: "response", status: 200, grpcStatus: 14 }, defaults)).toBe(true);
    expect(isRetriable({ kind: "response", status: 200, grpcStatus: 1 }, defaults)).toBe(true);
    expect(isRetriable({ kind: "response", status: 200, grpcStatus: 13 }, defaults)).toBe(false);
    expect(
      isRetriable(
        { kind: "response", status: 200, grpcStatus: 13 },
        buildRetryPolicy({ retryOn: "internal" }, undefined),
      ),
    ).toBe(true);
    expect(
      isRetriable({ kind: "response", status: 200, grpcStatus: 14 }, buildRetryPolicy({ retryOn: "5xx" }, undefined)),
    ).toBe(false);
  });

  it("retries 5xx and per-try timeouts when retryOn says 5xx", () => {
    const policy = buildRetryPolicy({ attempts: 3, retryOn: "5xx" }, undefined);
    expect(isRetriable({ kind: "response", status: 500 }, policy)).toBe(true);
    expect(isRetriable({ kind: "perTryTimeout" }, policy)).toBe(true);
    expect(isRetriable({ kind: "response", status: 404 }, policy)).toBe(false);
  });

  it("retries listed status codes and gateway errors", () => {
    expect(isRetriable({ kind: "response", status: 503 }, buildRetryPolicy({ retryOn: "503" }, undefined))).toBe(true);
    const gw = buildRetryPolicy({ retryOn: "gateway-error" }, undefined);
    expect(isRetriable({ kind: "response", status: 502 }, gw)).toBe(true);
    expect(isRetriable({ kind: "response", status: 500 }, gw)).toBe(false);
  });

  it("defaults the per-try timeout to the route timeout", () => {
    expect(buildRetryPolicy({ attempts: 2 }, 3000).perTryTimeoutMs).toBe(3000);
  });
});
