import { describe, expect, it } from "vitest";
import type { ProxyRecord, TcpProxyRecord } from "../telemetry/proxy-record";
import { startHarness, type Harness } from "../test-support/mesh-harness";
import { sumOf } from "../test-support/parse-metrics";
import { CLIENT_NAMESPACE, meshConfigYaml } from "../test-support/egress-config";
import {
  CNN_EGRESS_GATEWAY_YAML,
  CNN_ORIGINATE_TLS_YAML,
  CNN_PORT_REWRITE_YAML,
  CNN_SERVICE_ENTRY_YAML,
  HTTPS_HOST,
  HTTPS_SERVICE_ENTRY_YAML,
  ORIGINATION_HOST,
} from "../test-support/egress-tls-config";

const R = "istio_requests_total";
const OPENED = "istio_tcp_connections_opened_total";
const CLOSED = "istio_tcp_connections_closed_total";
const SENT = "istio_tcp_sent_bytes_total";
const RECEIVED = "istio_tcp_received_bytes_total";
const FROM_CURL = { reporter: "source", source_workload: "curl", source_workload_namespace: CLIENT_NAMESPACE };

function curlHttps(setup: string[], tcpRecords?: TcpProxyRecord[]): Harness {
  const h = startHarness(
    { external: { requestsPerSecond: 10, scheme: "https", host: HTTPS_HOST, port: 443 } },
    42,
    tcpRecords ? { record: () => undefined, recordTcp: (r) => tcpRecords.push(r) } : undefined,
  );
  for (const yaml of setup) h.apply(yaml);
  h.run(30_000);
  return h;
}

function curlCnn(setup: string[], records?: ProxyRecord[]): Harness {
  const h = startHarness(
    { external: { requestsPerSecond: 10, scheme: "http", host: ORIGINATION_HOST, port: 80, path: "/politics" } },
    42,
    records ? { record: (r) => records.push(r) } : undefined,
  );
  for (const yaml of setup) h.apply(yaml);
  h.run(30_000);
  return h;
}

describe("the curl pod calling https://www.google.com (TLS from the app)", () => {
  it("leaves through PassthroughCluster under ALLOW_ANY, counted as TCP connections with bytes both ways", () => {
    const samples = curlHttps([]).samples();
    const through = { ...FROM_CURL, destination_service: HTTPS_HOST, destination_service_name: "PassthroughCluster" };
    const opened = sumOf(samples, OPENED, { ...through, request_protocol: "tcp", response_flags: "-" });
    expect(opened).toBeGreaterThan(200);
    expect(sumOf(samples, CLOSED, through)).toBeGreaterThan(opened - 5);
    expect(sumOf(samples, SENT, through)).toBeGreaterThan(opened * 3_000);
    expect(sumOf(samples, RECEIVED, through)).toBeGreaterThan(opened * 500);
    // The sidecar cannot read the request: no HTTP series, and nothing from the outside host.
    expect(sumOf(samples, R, FROM_CURL)).toBe(0);
    expect(sumOf(samples, OPENED, { reporter: "destination", destination_service: HTTPS_HOST })).toBe(0);
  });

  it("is closed at once under REGISTRY_ONLY: BlackHoleCluster, flag UH, no bytes", () => {
    const samples = curlHttps([meshConfigYaml("REGISTRY_ONLY")]).samples();
    const blocked = { ...FROM_CURL, destination_service: HTTPS_HOST, destination_service_name: "BlackHoleCluster" };
    const opened = sumOf(samples, OPENED, { ...blocked, response_flags: "UH" });
    expect(opened).toBeGreaterThan(200);
    expect(sumOf(samples, CLOSED, blocked)).toBe(opened);
    expect(sumOf(samples, SENT, blocked) + sumOf(samples, RECEIVED, blocked)).toBe(0);
    expect(sumOf(samples, OPENED, { destination_service_name: "PassthroughCluster" })).toBe(0);
  });

  it("is let through under REGISTRY_ONLY by a ServiceEntry with an HTTPS port 443, under the host's own name", () => {
    const samples = curlHttps([meshConfigYaml("REGISTRY_ONLY"), HTTPS_SERVICE_ENTRY_YAML]).samples();
    const opened = sumOf(samples, OPENED, {
      ...FROM_CURL,
      destination_service: HTTPS_HOST,
      destination_service_name: HTTPS_HOST,
      destination_service_namespace: CLIENT_NAMESPACE,
      response_flags: "-",
    });
    expect(opened).toBeGreaterThan(200);
    expect(sumOf(samples, OPENED, FROM_CURL)).toBe(opened);
  });

  it("stays blocked when the ServiceEntry declares only port 80", () => {
    const httpOnly = HTTPS_SERVICE_ENTRY_YAML.replace(
      "{ number: 443, name: https, protocol: HTTPS }",
      "{ number: 80, name: http, protocol: HTTP }",
    );
    const samples = curlHttps([meshConfigYaml("REGISTRY_ONLY"), httpOnly]).samples();
    expect(sumOf(samples, OPENED, { ...FROM_CURL, destination_service_name: "BlackHoleCluster" })).toBeGreaterThan(200);
  });

  it("logs each connection as Envoy's TCP proxy does: no request, the SNI, the entry's cluster", () => {
    const records: TcpProxyRecord[] = [];
    curlHttps([meshConfigYaml("REGISTRY_ONLY"), HTTPS_SERVICE_ENTRY_YAML], records);
    const first = records.find((r) => r.upstreamCluster === `outbound|443||${HTTPS_HOST}`);
    expect(first).toMatchObject({ direction: "outbound", flags: "-", requestedServerName: HTTPS_HOST });
    expect(first?.pod.labels.app).toBe("curl");
    expect(first?.upstreamHost).toMatch(/^203\.0\.113\.\d+:443$/);
    expect(first?.bytesSent).toBeGreaterThan(1_000);
  });

  it("logs a blocked connection against BlackHoleCluster with flag UH and no upstream host", () => {
    const records: TcpProxyRecord[] = [];
    curlHttps([meshConfigYaml("REGISTRY_ONLY")], records);
    expect(records.length).toBeGreaterThan(200);
    expect(records[0]).toMatchObject({ upstreamCluster: "BlackHoleCluster", flags: "UH", bytesSent: 0 });
    expect(records[0]?.upstreamHost).toBeUndefined();
  });
});

describe("Egress TLS Origination: the curl pod calling http://edition.cnn.com", () => {
  const ok = {
    ...FROM_CURL,
    destination_service: ORIGINATION_HOST,
    destination_service_name: ORIGINATION_HOST,
    request_protocol: "http",
  };

  it("gets 200 when the VirtualService sends port 80 to 443 and the DestinationRule originates TLS there", () => {
    const records: ProxyRecord[] = [];
    const samples = curlCnn([CNN_SERVICE_ENTRY_YAML, CNN_PORT_REWRITE_YAML, CNN_ORIGINATE_TLS_YAML], records).samples();
    const succeeded = sumOf(samples, R, { ...ok, response_code: "200" });
    expect(succeeded).toBeGreaterThan(200);
    expect(sumOf(samples, R, FROM_CURL)).toBe(succeeded);
    const line = records.find((r) => r.pod.labels.app === "curl");
    expect(line).toMatchObject({ authority: ORIGINATION_HOST, upstreamCluster: `outbound|443||${ORIGINATION_HOST}` });
  });

  it("fails with 503 UC without the DestinationRule: the TLS server on 443 hangs up on plain HTTP", () => {
    const records: ProxyRecord[] = [];
    const samples = curlCnn([CNN_SERVICE_ENTRY_YAML, CNN_PORT_REWRITE_YAML], records).samples();
    const failed = sumOf(samples, R, { ...ok, response_code: "503", response_flags: "UC" });
    expect(failed).toBeGreaterThan(200);
    expect(sumOf(samples, R, FROM_CURL)).toBe(failed);
    expect(records.find((r) => r.pod.labels.app === "curl")?.details).toBe(
      "upstream_reset_before_response_started{connection_termination}",
    );
  });

  it("fails the handshake (503 UF, retried) when a DestinationRule originates TLS toward a plaintext port", () => {
    const records: ProxyRecord[] = [];
    const tlsOnPort80 = CNN_ORIGINATE_TLS_YAML.replace("port: { number: 443 }", "port: { number: 80 }");
    const samples = curlCnn([CNN_SERVICE_ENTRY_YAML, tlsOnPort80], records).samples();
    const failed = sumOf(samples, R, { ...ok, response_code: "503", response_flags: "UF,URX" });
    expect(failed).toBeGreaterThan(200);
    expect(sumOf(samples, R, FROM_CURL)).toBe(failed);
    expect(records.find((r) => r.pod.labels.app === "curl")?.details).toMatch(/TLS_error.*WRONG_VERSION_NUMBER/);
  });

  it("still answers 200 on port 80 without the VirtualService (plain HTTP, nothing originated)", () => {
    const samples = curlCnn([CNN_SERVICE_ENTRY_YAML, CNN_ORIGINATE_TLS_YAML]).samples();
    expect(sumOf(samples, R, { ...ok, response_code: "200" })).toBeGreaterThan(200);
  });
});

describe("Egress Gateways with TLS Origination", () => {
  it("goes curl → istio-egressgateway over Istio mTLS, and the gateway originates TLS to edition.cnn.com:443", () => {
    const records: ProxyRecord[] = [];
    const samples = curlCnn(
      [meshConfigYaml("REGISTRY_ONLY"), CNN_SERVICE_ENTRY_YAML, CNN_EGRESS_GATEWAY_YAML],
      records,
    ).samples();
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
      destination_service: ORIGINATION_HOST,
      response_code: "200",
    });
    expect(toGateway).toBeGreaterThan(200);
    expect(fromGateway).toBe(toGateway);
    expect(sumOf(samples, R, { ...FROM_CURL, destination_service: ORIGINATION_HOST })).toBe(0);
    const gatewayLine = records.find((r) => r.pod.labels.istio === "egressgateway");
    expect(gatewayLine?.upstreamCluster).toBe(`outbound|443||${ORIGINATION_HOST}`);
  });

  it("is refused by the gateway (503 UF at the sidecar) when the sidecar does not use Istio mTLS toward it", () => {
    const plaintextToGateway = CNN_EGRESS_GATEWAY_YAML.replace(
      /\n {8}portLevelSettings:\n {10}- port: \{ number: 80 \}\n {12}tls: \{ mode: ISTIO_MUTUAL, sni: edition\.cnn\.com \}/,
      "",
    );
    expect(plaintextToGateway).not.toBe(CNN_EGRESS_GATEWAY_YAML);
    const samples = curlCnn([CNN_SERVICE_ENTRY_YAML, plaintextToGateway]).samples();
    const refused = sumOf(samples, R, {
      ...FROM_CURL,
      destination_workload: "istio-egressgateway",
      response_code: "503",
    });
    expect(refused).toBeGreaterThan(200);
    expect(sumOf(samples, R, { ...FROM_CURL, response_flags: "UF,URX" })).toBe(refused);
  });
});
