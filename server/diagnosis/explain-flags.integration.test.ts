/**
 * Issue 22's acceptance for the flag explainer: Istio's circuit-breaking task on the simulated
 * mesh — fortio with 3 connections against httpbin, the guide's DestinationRule
 * (maxConnections 1, http1MaxPendingRequests 1) applied as kubectl would — read through a real
 * Prometheus scraping every second and the console's cluster cache. The httpbin edge's UO
 * share must be explained by that DestinationRule, on the lines the editor shows, with an
 * observed concurrency above the single connection — and so must the httpbin service node's,
 * with fortio as the caller the share came from.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { CustomObjectsApi } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { FlagExplanationResponse, NodeFlagExplanationResponse } from "@/lib/contracts/flag-explanation";
import { startPrometheus, type RunningPrometheus } from "@/scripts/prometheus/start-prometheus";
import { connectionFromKubeconfig, stopClusterCaches, type KubeConnection } from "@/server/adapters/kube";
import { createPrometheusClient, queryVector } from "@/server/adapters/prometheus";
import { getObjectDetail } from "@/server/istio-config-browser/get-object";
import { loadValidationContext } from "@/server/validation/load-validation-context";
import { startSimulator, type RunningSimulator } from "@/sim/index";
import { HTTPBIN_CIRCUIT_BREAKER } from "@/sim/mesh/test-support/sample-networking";
import { explainEdgeFlags, explainNodeFlags, type FlagExplainerSources } from "./explain-flags-service";

const WINDOW_SECONDS = 30;

async function eventually<T>(read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ready(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2000));
    value = await read();
  }
  return value;
}

describe("the response-flag explainer on Istio's circuit-breaking task", () => {
  let work: string;
  let sim: RunningSimulator;
  let prometheus: RunningPrometheus;
  let connection: KubeConnection;
  let sources: FlagExplainerSources;

  const explain = () =>
    explainEdgeFlags(
      sources,
      {
        namespace: "httpbin",
        destService: "httpbin",
        sourceNamespace: "httpbin",
        sourceWorkload: "fortio-deploy",
        duration: WINDOW_SECONDS,
      },
      new Date(),
    );

  const explainNode = () =>
    explainNodeFlags(
      sources,
      { node: { kind: "service", namespace: "httpbin", name: "httpbin" }, duration: WINDOW_SECONDS },
      new Date(),
    );

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "topsail-explain-flags-"));
    sim = await startSimulator({
      port: 0,
      dataDir: path.join(work, "sim"),
      kubeconfigPath: path.join(work, "kubeconfig"),
      metricsPort: 0,
      seed: 3,
      // `fortio load -c 3 -qps 0 http://httpbin:8000/get`; the other entry points stay quiet.
      load: {
        fortio: { requestsPerSecond: 0, connections: 3 },
        "bookinfo-ingress": { requestsPerSecond: 0 },
        "tcp-client": { requestsPerSecond: 0 },
        synthetic: { requestsPerSecond: 0 },
      },
    });
    if (!sim.mesh) throw new Error("the simulator started without its mesh");
    prometheus = await startPrometheus({
      dataDir: path.join(work, "prom"),
      port: 0,
      scrapeIntervalSeconds: 1,
      targets: [{ job: "mesh", address: new URL(sim.mesh.metricsUrl).host }],
    });
    connection = connectionFromKubeconfig(sim.kubeconfigPath);
    await connection.kubeConfig.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: "networking.istio.io",
      version: "v1",
      namespace: "httpbin",
      plural: "destinationrules",
      body: parse(HTTPBIN_CIRCUIT_BREAKER) as object,
    });
    const client = createPrometheusClient({
      url: prometheus.url,
      auth: { kind: "none" },
      headers: {},
      timeoutMs: 10_000,
    });
    sources = {
      queryPrometheus: (promql, time) => queryVector(client, promql, time),
      loadContext: () => loadValidationContext(connection),
      // No database in this suite: "who set it" is the unit tests' part.
      auditEntriesOf: async () => [],
    };
  });

  afterAll(async () => {
    await stopClusterCaches();
    await prometheus?.stop();
    await sim?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("explains the httpbin edge's and service node's 503 UO by the DestinationRule's pool limits, their lines and the observed concurrency", async () => {
    const uoOf = <T extends { flag: string }>(r: { flags: T[] }) => r.flags.find((f) => f.flag === "UO");
    const explains = (r: FlagExplanationResponse | NodeFlagExplanationResponse) =>
      (uoOf(r)?.percent ?? 0) >= 20 && uoOf(r)?.explained === true;
    // A whole window of the breaker's traffic first: a window still filling reads rates from a few samples.
    await new Promise((r) => setTimeout(r, (WINDOW_SECONDS + 5) * 1000));
    // The edge and the service node, read together: fortio is httpbin's only caller.
    const [answer, nodeAnswer] = await eventually(
      () => Promise.all([explain(), explainNode()]),
      ([edge, node]) => explains(edge) && explains(node),
      120_000,
    );
    const uo = uoOf(answer);
    expect(answer.observed.reporter).toBe("source");
    expect(uo).toMatchObject({ code: "503", explained: true });
    expect(uo?.percent).toBeGreaterThanOrEqual(20);
    expect(uo?.percent).toBeLessThanOrEqual(60);

    const causes = new Map(uo?.causes.map((c) => [c.path, c]));
    const pending = causes.get("spec/trafficPolicy/connectionPool/http/http1MaxPendingRequests");
    const connections = causes.get("spec/trafficPolicy/connectionPool/tcp/maxConnections");
    expect(pending).toMatchObject({ kind: "DestinationRule", namespace: "httpbin", name: "httpbin", value: "1" });
    expect(connections).toMatchObject({ kind: "DestinationRule", name: "httpbin", value: "1" });
    // The lines are those of the YAML the editor opens for the object.
    const editor = await getObjectDetail(connection, {
      namespace: "httpbin",
      kind: "destinationrules",
      name: "httpbin",
    });
    const lines = editor.yaml.split("\n");
    expect(lines[(pending?.line ?? 0) - 1]?.trim()).toBe("http1MaxPendingRequests: 1");
    expect(lines[(connections?.line ?? 0) - 1]?.trim()).toBe("maxConnections: 1");

    // Three connections against one: more than one request in flight on average (Little's law).
    expect(answer.observed.concurrency).toBeGreaterThan(1);
    expect(uo?.figures.find((f) => f.label === "Observed concurrency")?.value).toMatch(/Little's law/);
    expect(uo?.because.join(" ")).toContain("DestinationRule httpbin/httpbin limits the connection pool");

    // The service node: the same flag over everything httpbin received, the same fields, and fortio as its caller.
    const nodeUo = uoOf(nodeAnswer);
    expect(nodeUo).toMatchObject({ code: "503", explained: true });
    expect(nodeUo?.percent).toBeGreaterThanOrEqual(20);
    expect(nodeUo?.percent).toBeLessThanOrEqual(60);
    expect(nodeUo?.causes.map((c) => [c.path, c.line])).toEqual(uo?.causes.map((c) => [c.path, c.line]));
    expect(nodeUo?.callers.map((c) => [c.namespace, c.workload, c.service.name])).toEqual([
      ["httpbin", "fortio-deploy", "httpbin"],
    ]);
    expect(nodeUo?.callers[0]?.percent).toBeCloseTo(nodeUo?.percent ?? 0, 5);
  }, 180_000);
});
