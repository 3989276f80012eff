/**
 * A Prometheus sample as the response-class table reads it (server/health/response-classes.ts):
 * protocol, response code, gRPC status and rate.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import type { PromSample } from "@/server/adapters/prometheus";
import type { RequestOutcome } from "@/server/health/response-classes";

const protocols: Record<string, Protocol> = { http: "http", grpc: "grpc", tcp: "tcp" };

export function toOutcome(sample: PromSample): RequestOutcome {
  const l = sample.labels;
  return {
    protocol: protocols[l.request_protocol ?? ""] ?? "http",
    code: l.response_code ?? "0",
    grpcStatus: l.grpc_response_status ?? "",
    rate: sample.value,
  };
}
