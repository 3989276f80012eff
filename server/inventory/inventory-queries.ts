/**
 * The instant queries behind health and the traffic tab, assembled with the Prometheus
 * adapter's builders. Health reads one destination-reported query per namespace, grouped
 * finely enough to roll up per workload, app and service (health.ts). The traffic tab
 * reads, per direction, request rates by peer and outcome, p95 by peer, and TCP bytes.
 */
import "server-only";
import type { MetricDirection } from "@/lib/contracts/metrics";
import { histogramQuantile, selector, sumRate } from "@/server/adapters/prometheus/promql";
import { matchersFor, type MetricTarget } from "@/server/metrics/metric-queries";

/** Kiali's default health window. */
export const HEALTH_WINDOW_SECONDS = 300;

const outcome = ["request_protocol", "response_code", "grpc_response_status"] as const;

export function buildHealthQuery(namespace: string, windowSeconds = HEALTH_WINDOW_SECONDS): string {
  return sumRate(
    selector("istio_requests_total", [
      { label: "reporter", op: "=", value: "destination" },
      { label: "destination_workload_namespace", op: "=", value: namespace },
    ]),
    windowSeconds,
    ["destination_workload", "destination_canonical_service", "destination_service_name", ...outcome],
  );
}

/** Who the peer is: the calling workload inbound; the called service (and what served it) outbound. */
export const peerLabels: Record<MetricDirection, readonly string[]> = {
  inbound: ["source_workload_namespace", "source_workload", "source_canonical_service", "source_canonical_revision"],
  outbound: [
    "destination_service_namespace",
    "destination_service_name",
    "destination_workload",
    "destination_canonical_service",
    "destination_canonical_revision",
  ],
};

export interface TrafficQueries {
  requests: string;
  p95: string;
  tcp: string;
}

export function buildTrafficQueries(
  target: MetricTarget,
  direction: MetricDirection,
  windowSeconds: number,
): TrafficQueries | undefined {
  const m = matchersFor(target, direction);
  if (!m) return undefined;
  const peers = peerLabels[direction];
  return {
    requests: sumRate(selector("istio_requests_total", m), windowSeconds, [...peers, ...outcome]),
    p95: histogramQuantile(0.95, selector("istio_request_duration_milliseconds_bucket", m), windowSeconds, [
      ...peers,
      "request_protocol",
    ]),
    // The graph reads TCP edges from received bytes (Istio reports the pair reversed); so does this.
    tcp: sumRate(selector("istio_tcp_received_bytes_total", m), windowSeconds, peers),
  };
}
