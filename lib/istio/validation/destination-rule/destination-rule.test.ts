import { describe, expect, it } from "vitest";
import { validateIstioConfig, type ValidationFinding } from "../index";

function dr(spec: Record<string, unknown>): ValidationFinding[] {
  return validateIstioConfig({
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: "reviews", namespace: "bookinfo" },
    spec,
  });
}
const errors = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "error").map((f) => f.message);

describe("DestinationRule subsets", () => {
  it("accepts bookinfo's reviews subsets", () => {
    expect(
      dr({ host: "reviews", subsets: ["v1", "v2", "v3"].map((v) => ({ name: v, labels: { version: v } })) }),
    ).toEqual([]);
  });

  it("reports duplicate and empty subset names at the subset's path", () => {
    const found = dr({
      host: "reviews",
      subsets: [
        { name: "v1", labels: { version: "v1" } },
        { name: "v1", labels: { version: "v2" } },
        { labels: { version: "v3" } },
      ],
    });
    expect(errors(found)).toEqual(["duplicate subset names: v1", "subset name cannot be empty"]);
    expect(found[0]?.path).toBe("spec/subsets[1]/name");
  });

  it("reports an invalid host", () => {
    expect(errors(dr({ host: "" }))).toEqual(["empty domain name not allowed"]);
  });
});

describe("DestinationRule traffic policy", () => {
  it("accepts the circuit-breaking task's policy", () => {
    expect(
      dr({
        host: "httpbin",
        trafficPolicy: {
          connectionPool: {
            tcp: { maxConnections: 1 },
            http: { http1MaxPendingRequests: 1, maxRequestsPerConnection: 1 },
          },
          outlierDetection: {
            consecutive5xxErrors: 1,
            interval: "1s",
            baseEjectionTime: "3m",
            maxEjectionPercent: 100,
          },
        },
      }),
    ).toEqual([]);
  });

  it("reports negative pool limits and an out-of-range ejection percent", () => {
    const found = dr({
      host: "httpbin",
      trafficPolicy: {
        connectionPool: { tcp: { maxConnections: -1 }, http: { http1MaxPendingRequests: -1 } },
        outlierDetection: { maxEjectionPercent: 120, interval: "0.1ms" },
      },
    });
    expect(errors(found)).toEqual([
      "duration must be greater than 1ms",
      "percentage 120 is not in range 0..100",
      "http1 max pending requests must be non-negative",
      "max connections must be non-negative",
    ]);
    expect(found.map((f) => f.path)).toContain("spec/trafficPolicy/connectionPool/tcp/maxConnections");
  });

  it("reports an empty policy and an empty connection pool", () => {
    expect(errors(dr({ host: "a", trafficPolicy: {} }))).toEqual(["traffic policy must have at least one field"]);
    expect(errors(dr({ host: "a", subsets: [{ name: "v1", trafficPolicy: { connectionPool: {} } }] }))).toEqual([
      "connection pool must have at least one field",
    ]);
  });

  it("requires client certificates for MUTUAL TLS without a credential", () => {
    expect(errors(dr({ host: "a", trafficPolicy: { tls: { mode: "MUTUAL" } } }))).toEqual([
      "client certificate required for mutual tls",
      "private key required for mutual tls",
    ]);
    expect(errors(dr({ host: "a", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } }))).toEqual([]);
  });
});
