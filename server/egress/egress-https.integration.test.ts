/**
 * Issue 19's egress acceptance for HTTPS, against the real thing: the simulator's curl pod calling
 * `https://www.google.com` (TLS from the app), a real Prometheus scraping every second.
 * REGISTRY_ONLY in the `istio` ConfigMap blocks the host — TCP connections into BlackHoleCluster,
 * flag UH, no bytes — and a ServiceEntry with an HTTPS port 443, written through client-node,
 * opens it: TCP connections and bytes under the host's own name. The Egress page's view of the
 * same cluster lists the entry as routed by SNI and the policy as REGISTRY_ONLY.
 */
import { CoreV1Api, CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import type { RunningSimulator } from "@/sim/index";
import { eventually, startScrapedSimulator, type ScrapedSimulator } from "@/sim/mesh/test-support/prometheus-harness";
import { connectionFromKubeconfig, type KubeConnection } from "@/server/adapters/kube";
import { createPrometheusClient, type PrometheusClient } from "@/server/adapters/prometheus";
import { selector, sumRate } from "@/server/adapters/prometheus/promql";
import { readEgressView } from "./index";

const WINDOW_SECONDS = 5;
const NAMESPACE = "tcp-echo";
const HOST = "www.google.com";

describe("HTTPS from the curl pod to www.google.com in Prometheus", () => {
  let env: ScrapedSimulator;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let promClient: PrometheusClient;
  let connection: KubeConnection;
  let core: CoreV1Api;
  let custom: CustomObjectsApi;

  /**
   * Per `destination_service_name|response_flags`: the curl sidecar's TCP series of one metric, per second over the
   * window. A series that stopped growing stays, at 0 (counters are never removed).
   */
  async function tcpRates(metric: string): Promise<Map<string, number>> {
    const query = sumRate(
      selector(metric, [
        { label: "reporter", op: "=", value: "source" },
        { label: "source_workload", op: "=", value: "curl" },
        { label: "destination_service", op: "=", value: HOST },
        { label: "request_protocol", op: "=", value: "tcp" },
      ]),
      WINDOW_SECONDS,
      ["destination_service_name", "response_flags"],
    );
    const result = await promClient.query(query);
    const rates = new Map<string, number>();
    if (result.kind === "vector")
      for (const s of result.samples)
        rates.set(`${s.labels.destination_service_name}|${s.labels.response_flags}`, s.value);
    return rates;
  }
  const opened = () => tcpRates("istio_tcp_connections_opened_total");

  beforeAll(async () => {
    env = await startScrapedSimulator({
      prefix: "topsail-egress-https-",
      seed: 19,
      scrapeIntervalSeconds: 1,
      // Only the curl pod's calls: the rest of the mesh stays quiet to spare the shared CPUs.
      load: {
        external: { requestsPerSecond: 20, scheme: "https", host: HOST, port: 443 },
      },
    });
    ({ sim, prometheus } = env);
    promClient = createPrometheusClient({
      url: prometheus.url,
      auth: { kind: "none" },
      headers: {},
      timeoutMs: 10_000,
    });
    connection = connectionFromKubeconfig(sim.kubeconfigPath);
    core = connection.kubeConfig.makeApiClient(CoreV1Api);
    custom = connection.kubeConfig.makeApiClient(CustomObjectsApi);
  });

  afterAll(async () => {
    await env?.stop();
  });

  it("passes through, is blocked under REGISTRY_ONLY, then opened by a TLS ServiceEntry", async () => {
    const through = await eventually(opened, (r) => (r.get("PassthroughCluster|-") ?? 0) > 5, 20_000, 1000);
    expect(through.get("PassthroughCluster|-")).toBeGreaterThan(5);

    const istio = await core.readNamespacedConfigMap({ name: "istio", namespace: "istio-system" });
    const mesh = `${istio.data?.mesh ?? ""}\noutboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n`;
    await core.replaceNamespacedConfigMap({
      name: "istio",
      namespace: "istio-system",
      body: { ...istio, data: { ...istio.data, mesh } },
    });
    const blocked = await eventually(
      opened,
      (r) => (r.get("BlackHoleCluster|UH") ?? 0) > 5 && (r.get("PassthroughCluster|-") ?? 0) === 0,
      25_000,
      1000,
    );
    expect(blocked.get("BlackHoleCluster|UH")).toBeGreaterThan(5);
    expect(blocked.get("PassthroughCluster|-") ?? 0).toBe(0);
    // A blocked connection carries nothing either way.
    const blockedBytes = await tcpRates("istio_tcp_sent_bytes_total");
    expect(blockedBytes.get("BlackHoleCluster|UH") ?? 0).toBe(0);

    await custom.createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: NAMESPACE,
      plural: "serviceentries",
      body: {
        apiVersion: "networking.istio.io/v1",
        kind: "ServiceEntry",
        metadata: { name: "google", namespace: NAMESPACE },
        spec: {
          hosts: [HOST],
          ports: [{ number: 443, name: "https", protocol: "HTTPS" }],
          resolution: "DNS",
          location: "MESH_EXTERNAL",
        },
      },
    });
    const open = await eventually(
      opened,
      (r) => (r.get(`${HOST}|-`) ?? 0) > 5 && (r.get("BlackHoleCluster|UH") ?? 0) === 0,
      25_000,
      1000,
    );
    expect(open.get(`${HOST}|-`)).toBeGreaterThan(5);
    // The simulator's counters only grow: the blocked series stays, at a rate of 0.
    expect(open.get("BlackHoleCluster|UH") ?? 0).toBe(0);
    const bytes = await eventually(
      () => tcpRates("istio_tcp_sent_bytes_total"),
      (r) => (r.get(`${HOST}|-`) ?? 0) > 1_000,
      10_000,
      1000,
    );
    expect(bytes.get(`${HOST}|-`)).toBeGreaterThan(1_000);

    const view = await eventually(
      () => readEgressView(connection, [NAMESPACE]),
      (v) => v.serviceEntries.length > 0 && v.outboundPolicy.mode === "REGISTRY_ONLY",
      10_000,
      1000,
    );
    expect(view.outboundPolicy).toMatchObject({ mode: "REGISTRY_ONLY", fromConfigMap: true });
    expect(view.serviceEntries).toMatchObject([{ name: "google", hosts: [HOST], routesBySni: true }]);
  }, 90_000);
});
