import { describe, expect, it } from "vitest";
import type { ProxyRecord } from "../telemetry/proxy-record";
import { startHarness } from "../test-support/mesh-harness";
import { sumOf } from "../test-support/parse-metrics";
import {
  CLIENT_NAMESPACE,
  EGRESS_GATEWAY_YAML,
  EXTERNAL_HOST,
  meshConfigYaml,
  SERVICE_ENTRY_YAML,
} from "../test-support/egress-config";

const R = "istio_requests_total";
const FROM_CURL = { reporter: "source", source_workload: "curl", source_workload_namespace: CLIENT_NAMESPACE };

function curlToHttpbin(setup: string[]): ReturnType<typeof startHarness> {
  const h = startHarness({ external: { requestsPerSecond: 10, host: EXTERNAL_HOST, port: 80, path: "/headers" } });
  for (const yaml of setup) h.apply(yaml);
  h.run(30_000);
  return h;
}

describe("the curl pod calling httpbin.org", () => {
  it("leaves through PassthroughCluster under ALLOW_ANY (the default) and gets the outside world's 200", () => {
    const samples = curlToHttpbin([]).samples();
    const through = sumOf(samples, R, { ...FROM_CURL, destination_service_name: "PassthroughCluster" });
    expect(through).toBeGreaterThan(200);
    expect(sumOf(samples, R, { ...FROM_CURL, destination_service: EXTERNAL_HOST, response_code: "200" })).toBe(through);
    expect(sumOf(samples, R, { reporter: "destination", destination_service: EXTERNAL_HOST })).toBe(0);
  });

  it("is blocked under REGISTRY_ONLY: 502 from BlackHoleCluster, reported by the client's sidecar only", () => {
    const samples = curlToHttpbin([meshConfigYaml("REGISTRY_ONLY")]).samples();
    const blocked = sumOf(samples, R, {
      ...FROM_CURL,
      destination_service: EXTERNAL_HOST,
      destination_service_name: "BlackHoleCluster",
      destination_service_namespace: "unknown",
      destination_workload: "unknown",
      response_code: "502",
      response_flags: "-",
    });
    expect(blocked).toBeGreaterThan(200);
    expect(sumOf(samples, R, FROM_CURL)).toBe(blocked);
    expect(sumOf(samples, R, { destination_service_name: "PassthroughCluster" })).toBe(0);
  });

  it("logs a blocked call as Istio's block_all route answering 502 itself, with no upstream cluster", () => {
    const records: ProxyRecord[] = [];
    const h = startHarness({ external: { requestsPerSecond: 10 } }, 42, { record: (r) => records.push(r) });
    h.apply(meshConfigYaml("REGISTRY_ONLY"));
    h.run(3_000);
    const blocked = records.filter((r) => r.pod.labels.app === "curl");
    expect(blocked.length).toBeGreaterThan(10);
    expect(blocked[0]).toMatchObject({
      direction: "outbound",
      authority: EXTERNAL_HOST,
      path: "/headers",
      code: 502,
      flags: "-",
      details: "direct_response",
      upstreamCluster: "-",
      routeName: "block_all",
    });
  });

  it("is let through under REGISTRY_ONLY once a ServiceEntry registers the host, under the host's own name", () => {
    const samples = curlToHttpbin([meshConfigYaml("REGISTRY_ONLY"), SERVICE_ENTRY_YAML]).samples();
    const ok = sumOf(samples, R, {
      ...FROM_CURL,
      destination_service: EXTERNAL_HOST,
      destination_service_name: EXTERNAL_HOST,
      destination_service_namespace: CLIENT_NAMESPACE,
      response_code: "200",
    });
    expect(ok).toBeGreaterThan(200);
    expect(sumOf(samples, R, FROM_CURL)).toBe(ok);
  });

  it("goes through istio-egressgateway when the task's Gateway and VirtualService say so", () => {
    const samples = curlToHttpbin([meshConfigYaml("REGISTRY_ONLY"), SERVICE_ENTRY_YAML, EGRESS_GATEWAY_YAML]).samples();
    const toGateway = sumOf(samples, R, {
      ...FROM_CURL,
      destination_workload: "istio-egressgateway",
      destination_service_name: "istio-egressgateway",
      response_code: "200",
    });
    const fromGateway = sumOf(samples, R, {
      reporter: "source",
      source_workload: "istio-egressgateway",
      source_workload_namespace: "istio-system",
      destination_service: EXTERNAL_HOST,
      destination_service_namespace: CLIENT_NAMESPACE,
      response_code: "200",
    });
    expect(toGateway).toBeGreaterThan(200);
    expect(fromGateway).toBe(toGateway);
    // Nothing leaves the curl pod for httpbin.org directly any more.
    expect(sumOf(samples, R, { ...FROM_CURL, destination_service: EXTERNAL_HOST })).toBe(0);
  });

  it("fails at the gateway under REGISTRY_ONLY without the ServiceEntry: its route names a cluster it lacks (503 NC)", () => {
    const samples = curlToHttpbin([meshConfigYaml("REGISTRY_ONLY"), EGRESS_GATEWAY_YAML]).samples();
    const failed = sumOf(samples, R, {
      reporter: "source",
      source_workload: "istio-egressgateway",
      destination_service: EXTERNAL_HOST,
      response_code: "503",
      response_flags: "NC",
    });
    expect(failed).toBeGreaterThan(200);
    expect(sumOf(samples, R, { ...FROM_CURL, destination_workload: "istio-egressgateway", response_code: "503" })).toBe(
      failed,
    );
  });
});
