import { describe, expect, it } from "vitest";
import { PrometheusError, TopsailError } from "@/server/errors";
import { getConnectionStatus, type StatusProbes } from "./get-connection-status";

const healthy: StatusProbes = {
  kubernetes: async () => ({ server: "https://127.0.0.1:18080", version: "v1.32.0", istio: true }),
  prometheus: async () => ({ url: "http://127.0.0.1:9090", version: "2.42.0", istioMetrics: true }),
  database: async () => ({ ok: true }),
  prometheusUrl: "http://127.0.0.1:9090",
  timeoutMs: 1000,
};

describe("getConnectionStatus", () => {
  it("reports all three parts ok with their facts", async () => {
    expect(await getConnectionStatus(healthy)).toEqual({
      kubernetes: { ok: true, server: "https://127.0.0.1:18080", version: "v1.32.0", istio: true, message: undefined },
      prometheus: { ok: true, url: "http://127.0.0.1:9090", version: "2.42.0", istioMetrics: true, message: undefined },
      database: { ok: true },
    });
  });

  it("explains how to start a cluster when the API is unreachable", async () => {
    const status = await getConnectionStatus({
      ...healthy,
      kubernetes: async () => {
        throw new TopsailError(
          "kube_unavailable",
          "Cannot reach the Kubernetes API at https://127.0.0.1:18080 (ECONNREFUSED)",
        );
      },
    });
    expect(status.kubernetes.ok).toBe(false);
    expect(status.kubernetes.message).toContain("ECONNREFUSED");
    expect(status.kubernetes.message).toContain("npm run sim");
    expect(status.prometheus.ok).toBe(true);
  });

  it("says Istio is missing when the cluster answers without its CRDs", async () => {
    const status = await getConnectionStatus({
      ...healthy,
      kubernetes: async () => ({ server: "s", version: "v1.32.0", istio: false }),
    });
    expect(status.kubernetes).toMatchObject({ ok: true, istio: false });
    expect(status.kubernetes.message).toMatch(/Istio is not installed/);
  });

  it("tells the user to start Prometheus or set TOPSAIL_PROMETHEUS_URL when it is unreachable", async () => {
    const status = await getConnectionStatus({
      ...healthy,
      prometheus: async () => {
        throw new PrometheusError({
          errorType: "unavailable",
          unavailable: true,
          message: "Cannot reach Prometheus at http://127.0.0.1:9090 (ECONNREFUSED)",
        });
      },
    });
    expect(status.prometheus.ok).toBe(false);
    expect(status.prometheus.message).toContain("TOPSAIL_PROMETHEUS_URL");
  });

  it("flags a Prometheus without Istio metrics", async () => {
    const status = await getConnectionStatus({
      ...healthy,
      prometheus: async () => ({ url: "u", version: "2", istioMetrics: false }),
    });
    expect(status.prometheus).toMatchObject({ ok: true, istioMetrics: false });
    expect(status.prometheus.message).toContain("istio_requests_total");
  });

  it("answers within the timeout when a probe hangs", async () => {
    const status = await getConnectionStatus({ ...healthy, timeoutMs: 50, kubernetes: () => new Promise(() => {}) });
    expect(status.kubernetes.ok).toBe(false);
    expect(status.kubernetes.message).toMatch(/did not answer/);
  });

  it("never throws when the database probe fails", async () => {
    const status = await getConnectionStatus({
      ...healthy,
      database: async () => {
        throw new Error("unable to open database file");
      },
    });
    expect(status.database).toEqual({ ok: false, message: "unable to open database file" });
  });
});
