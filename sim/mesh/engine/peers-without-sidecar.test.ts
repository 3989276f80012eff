import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { sumOf } from "../test-support/parse-metrics";

const R = "istio_requests_total";

describe("traffic from outside the mesh (synthetic entry, no client proxy)", () => {
  it("is reported by the server's sidecar only, the caller unknown, without mTLS", () => {
    const h = startHarness({});
    h.apply(`apiVersion: v1
kind: Namespace
metadata: { name: scale-0, labels: { istio-injection: enabled } }
---
apiVersion: v1
kind: Service
metadata: { name: svc-0, namespace: scale-0 }
spec:
  selector: { app: svc-0 }
  ports: [{ name: http, port: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: svc-1, namespace: scale-0 }
spec:
  selector: { app: svc-1 }
  ports: [{ name: http, port: 8080 }]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-0
  namespace: scale-0
  annotations: { sim.topsail.dev/calls: "svc-1" }
spec:
  selector: { matchLabels: { app: svc-0 } }
  template:
    metadata: { labels: { app: svc-0, version: v1 } }
    spec: { containers: [{ name: app, image: synthetic:1 }] }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-1
  namespace: scale-0
  annotations: { sim.topsail.dev/calls: "" }
spec:
  selector: { matchLabels: { app: svc-1 } }
  template:
    metadata: { labels: { app: svc-1, version: v1 } }
    spec: { containers: [{ name: app, image: synthetic:1 }] }
`);
    h.engine.setLoad("synthetic", { requestsPerSecond: 5 });
    h.run(20_000);
    const samples = h.samples();
    const entry = sumOf(samples, R, {
      reporter: "destination",
      destination_workload: "svc-0",
      source_workload: "unknown",
      source_principal: "unknown",
      connection_security_policy: "none",
    });
    expect(entry).toBeGreaterThan(60);
    expect(sumOf(samples, R, { reporter: "source", destination_workload: "svc-0" })).toBe(0);
    // svc-0 calls its annotated callee through its own sidecar.
    expect(
      sumOf(samples, R, {
        reporter: "destination",
        source_workload: "svc-0",
        destination_workload: "svc-1",
        connection_security_policy: "mutual_tls",
      }),
    ).toBe(entry);
    // svc-1 calls nobody and is no entry point.
    expect(
      sumOf(samples, R, { reporter: "destination", source_workload: "unknown", destination_workload: "svc-1" }),
    ).toBe(0);
  });
});

describe("pause and resume", () => {
  it("stops new arrivals while paused", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 20 } });
    h.run(5_000);
    h.engine.pause();
    h.run(1_000);
    const paused = sumOf(h.samples(), R, { reporter: "destination", destination_workload: "productpage-v1" });
    h.run(5_000);
    expect(sumOf(h.samples(), R, { reporter: "destination", destination_workload: "productpage-v1" })).toBe(paused);
    h.engine.resume();
    h.run(5_000);
    expect(sumOf(h.samples(), R, { reporter: "destination", destination_workload: "productpage-v1" })).toBeGreaterThan(
      paused + 50,
    );
  });
});
