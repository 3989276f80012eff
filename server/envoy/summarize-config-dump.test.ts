import { describe, expect, it } from "vitest";
import { productpageDump } from "./__fixtures__/load-fixture";
import { summarizeConfigDump } from "./summarize-config-dump";

const reviews = (subset: string) => `outbound|9080|${subset}|reviews.bookinfo.svc.cluster.local`;

describe("summarising productpage's sidecar config dump", () => {
  const summary = summarizeConfigDump("bookinfo", "productpage-v1-7f9c6d8b5d-x2k4q", productpageDump());

  it("reads each outbound cluster's port, subset and host from its name, and its DestinationRule from metadata", () => {
    expect(summary.clusters.find((c) => c.name === reviews("v2"))).toMatchObject({
      direction: "outbound",
      port: 9080,
      subset: "v2",
      host: "reviews.bookinfo.svc.cluster.local",
      type: "EDS",
      destinationRule: { kind: "DestinationRule", namespace: "bookinfo", name: "reviews" },
      dynamic: true,
    });
    expect(
      summary.clusters.find((c) => c.name === "outbound|9080||details.bookinfo.svc.cluster.local"),
    ).not.toHaveProperty("destinationRule");
  });

  it("shows the circuit breaker and outlier detection the DestinationRule set", () => {
    const cluster = summary.clusters.find((c) => c.name === reviews("v1"));
    expect(cluster?.circuitBreaker).toMatchObject({ maxConnections: 100, maxPendingRequests: 10 });
    expect(cluster?.outlierDetection).toEqual({
      consecutive5xx: 5,
      interval: "10s",
      baseEjectionTime: "30s",
      maxEjectionPercent: 50,
    });
  });

  it("names the catch-all clusters as other, with their type (STATIC when the dump leaves it out)", () => {
    const byName = Object.fromEntries(summary.clusters.map((c) => [c.name, c]));
    expect(byName.PassthroughCluster).toMatchObject({ direction: "other", type: "ORIGINAL_DST" });
    expect(byName.BlackHoleCluster).toMatchObject({ direction: "other", type: "STATIC" });
    expect(byName["inbound|9080||"]).toMatchObject({ direction: "inbound", port: 9080 });
    expect(byName["xds-grpc"]).toMatchObject({ dynamic: false, circuitBreaker: { maxConnections: 100000 } });
  });

  it("lists listeners with their address, filter chains and the route configuration they fetch", () => {
    expect(summary.listeners.find((l) => l.name === "0.0.0.0_9080")).toEqual({
      name: "0.0.0.0_9080",
      address: "0.0.0.0",
      port: 9080,
      filterChains: 2,
      routeConfigs: ["9080"],
      state: "active",
    });
    expect(summary.listeners.find((l) => l.name === "virtualInbound")).toMatchObject({
      port: 15006,
      routeConfigs: ["inbound|9080||"],
    });
  });

  it("keeps the reviews VirtualService's rules in their order, each naming the VirtualService", () => {
    const vhost = summary.routeConfigs
      .find((c) => c.name === "9080")
      ?.virtualHosts.find((v) => v.name === "reviews.bookinfo.svc.cluster.local:9080");
    expect(vhost?.domains).toContain("reviews");
    expect(vhost?.routes.map((r) => [r.name, r.match.headers, r.action])).toEqual([
      [
        "jason",
        [{ name: "end-user", kind: "exact", value: "jason", ignoreCase: false, invert: false }],
        { kind: "cluster", cluster: reviews("v2") },
      ],
      [
        undefined,
        [],
        {
          kind: "weighted",
          clusters: [
            { cluster: reviews("v1"), weight: 50 },
            { cluster: reviews("v3"), weight: 50 },
          ],
        },
      ],
    ]);
    expect(vhost?.routes.map((r) => r.virtualService)).toEqual([
      { kind: "VirtualService", namespace: "bookinfo", name: "reviews" },
      { kind: "VirtualService", namespace: "bookinfo", name: "reviews" },
    ]);
    expect(vhost?.routes[0]).toMatchObject({
      timeout: "0s",
      retries: { attempts: 2 },
      operation: "reviews.bookinfo.svc.cluster.local:9080/*",
    });
  });

  it("reads a route's fault as a percentage", () => {
    const ratings = summary.routeConfigs[0]?.virtualHosts.find((v) => v.name.startsWith("ratings."));
    expect(ratings?.routes[0]?.fault).toEqual({ abort: { httpStatus: 503, percent: 10 } });
  });

  it("lists endpoints with their EDS health, UNKNOWN when the dump leaves it out", () => {
    expect(summary.endpoints.filter((e) => e.cluster === reviews("v3"))).toEqual([
      { cluster: reviews("v3"), address: "10.244.1.18", port: 9080, health: "UNHEALTHY", weight: 1 },
      { cluster: reviews("v3"), address: "10.244.1.21", port: 9080, health: "UNKNOWN", weight: 1 },
    ]);
  });

  it("names the config types it does not show", () => {
    expect(summary.otherConfigs).toEqual([
      "BootstrapConfigDump",
      "EcdsConfigDump",
      "ScopedRoutesConfigDump",
      "SecretsConfigDump",
    ]);
  });
});
