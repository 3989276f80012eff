/**
 * A Prometheus sample as the graph's response-class table reads it (server/graph/
 * response-classes.ts): protocol, response code, gRPC status and rate. The inventory rolls
 * requests up per item, not per edge, so the peer fields are left unknown on purpose.
 */
import "server-only";
import type { Protocol } from "@/lib/contracts/graph";
import type { PromSample } from "@/server/graph/graph-sources";
import type { Peer, TrafficRow } from "@/server/graph/traffic-row";

const nobody: Peer = { cluster: "unknown", namespace: "unknown", workload: "unknown", app: "unknown", version: "latest" };
const protocols: Record<string, Protocol> = { http: "http", grpc: "grpc", tcp: "tcp" };

export function toOutcomeRow(sample: PromSample, reporter: TrafficRow["reporter"]): TrafficRow {
  const l = sample.labels;
  return {
    edgeKey: -1, // never grouped by edge
    reporter,
    source: nobody,
    dest: nobody,
    destService: { host: "unknown", name: "unknown", namespace: "unknown" },
    protocol: protocols[l.request_protocol ?? ""] ?? "http",
    code: l.response_code ?? "0",
    grpcStatus: l.grpc_response_status ?? "",
    flags: l.response_flags || "-",
    security: "unknown",
    rate: sample.value,
  };
}
