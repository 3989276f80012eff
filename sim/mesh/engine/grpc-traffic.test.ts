import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { startHarness } from "../test-support/mesh-harness";
import { sumOf } from "../test-support/parse-metrics";

const R = "istio_requests_total";
const scenario = readFileSync(
  fileURLToPath(new URL("../../scenarios/grpc-echo/10-echo-grpc.yaml", import.meta.url)),
  "utf8",
);
const toV2 = { destination_workload: "echo-v2", destination_workload_namespace: "echo-grpc" };

describe("the grpc-echo scenario", () => {
  it("reports the client's calls as gRPC: HTTP 200 with grpc-status 0, from both proxies, split over both versions", () => {
    const h = startHarness({ "grpc-client": { requestsPerSecond: 20 } });
    h.apply(scenario);
    h.run(30_000);
    const samples = h.samples();
    const answered = sumOf(samples, R, {
      reporter: "destination",
      request_protocol: "grpc",
      response_code: "200",
      grpc_response_status: "0",
      source_workload: "echo-client",
    });
    expect(answered).toBeGreaterThan(500);
    expect(
      sumOf(samples, R, {
        reporter: "source",
        request_protocol: "grpc",
        grpc_response_status: "0",
        source_workload: "echo-client",
      }),
    ).toBe(answered);
    expect(sumOf(samples, R, { request_protocol: "http", destination_service_namespace: "echo-grpc" })).toBe(0);
    const v2 = sumOf(samples, R, { reporter: "destination", ...toV2 });
    expect(v2 / answered).toBeGreaterThan(0.4);
    expect(v2 / answered).toBeLessThan(0.6);
  });

  it("answers a failing workload's calls with HTTP 200 and the grpc-status the control API set, retried by Istio's default policy on UNAVAILABLE", () => {
    const h = startHarness({ "grpc-client": { requestsPerSecond: 20 } });
    h.apply(scenario);
    h.engine.setWorkloadBehaviour("echo-grpc", "echo-v2", { errorRate: 1, grpcStatus: 14 });
    h.run(30_000);
    const samples = h.samples();
    const failed = sumOf(samples, R, {
      reporter: "destination",
      ...toV2,
      response_code: "200",
      grpc_response_status: "14",
    });
    expect(failed).toBeGreaterThan(100);
    expect(sumOf(samples, R, { reporter: "destination", ...toV2, grpc_response_status: "0" })).toBe(0);
    // The default route retries twice on UNAVAILABLE; a retry may
    // land on v1, so the client sees fewer failures than v2 answered.
    const seenByClient = sumOf(samples, R, {
      reporter: "source",
      source_workload: "echo-client",
      response_code: "200",
      grpc_response_status: "14",
      response_flags: "URX",
    });
    expect(seenByClient).toBeGreaterThan(0);
    expect(seenByClient).toBeLessThan(failed);
  });

  it("leaves HTTP reports without a gRPC status", () => {
    const h = startHarness({ "bookinfo-ingress": { requestsPerSecond: 10 } });
    h.run(5_000);
    const samples = h.samples();
    expect(sumOf(samples, R, { request_protocol: "http", grpc_response_status: "" })).toBeGreaterThan(0);
    expect(sumOf(samples, R, { request_protocol: "grpc" })).toBe(0);
  });
});
