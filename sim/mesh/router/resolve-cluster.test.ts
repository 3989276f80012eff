import { describe, expect, it } from "vitest";
import { snapshotWith } from "../test-support/snapshot-fixture";
import { HTTPBIN_CIRCUIT_BREAKER } from "../test-support/sample-networking";
import { resolveCluster, resolveService } from "@/lib/istio/routing/resolve-cluster";

const REVIEWS = "reviews.bookinfo.svc.cluster.local";

describe("resolveCluster", () => {
  const snapshot = snapshotWith(`apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: googleapis, namespace: bookinfo }
spec:
  hosts: [www.googleapis.com]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  location: MESH_EXTERNAL
  resolution: DNS
---
${HTTPBIN_CIRCUIT_BREAKER}`);

  it("selects a subset's pods by its labels", () => {
    const r = resolveCluster(snapshot, "bookinfo", { host: REVIEWS, subset: "v2" }, 9080);
    expect(r.ok && r.cluster.endpoints.map((p) => p.identity.workload)).toEqual(["reviews-v2"]);
    expect(r.ok && r.cluster.key).toBe(`outbound|9080|v2|${REVIEWS}`);
  });

  it("uses every pod of the service without a subset", () => {
    const r = resolveCluster(snapshot, "bookinfo", { host: REVIEWS }, 9080);
    expect(r.ok && r.cluster.endpoints.map((p) => p.identity.workload).sort()).toEqual([
      "reviews-v1",
      "reviews-v2",
      "reviews-v3",
    ]);
  });

  it("has no cluster for a subset no DestinationRule defines", () => {
    expect(resolveCluster(snapshot, "bookinfo", { host: REVIEWS, subset: "v9" }, 9080).ok).toBe(false);
  });

  it("applies the DestinationRule's connection pool and outlier detection", () => {
    const r = resolveCluster(snapshot, "httpbin", { host: "httpbin.httpbin.svc.cluster.local" }, 8000);
    expect(r.ok && r.cluster.policy.connectionPool?.tcp?.maxConnections).toBe(1);
    expect(r.ok && r.cluster.policy.outlierDetection?.consecutive5xxErrors).toBe(1);
  });

  it("names ServiceEntry hosts and passthrough destinations", () => {
    expect(resolveService(snapshot, "www.googleapis.com")).toMatchObject({
      kind: "external",
      name: "www.googleapis.com",
      namespace: "bookinfo",
    });
    expect(resolveService(snapshot, "example.org")).toMatchObject({ kind: "passthrough", name: "PassthroughCluster" });
  });
});
