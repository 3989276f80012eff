/**
 * Envoy's `/clusters`, as text and as `?format=json` (the ClusterStatuses istioctl
 * proxy-config endpoint reads). Text: per cluster its observability name,
 * circuit-breaker limits and `added_via_api`, then per host `cluster::ip:port::stat::value`
 * lines. Connection and request counters are not simulated per host and read 0; health
 * is `healthy`, or `/failed_eds_health` for a not-ready pod sent as UNHEALTHY.
 */
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import { buildClusters, type OutboundCluster } from "./build-clusters";
import { endpointsOf } from "./build-endpoints";
import type { EnvoyJson } from "./envoy-json";

const UNLIMITED = 4294967295;
const HOST_COUNTERS = [
  "cx_active",
  "cx_connect_fail",
  "cx_total",
  "rq_active",
  "rq_error",
  "rq_success",
  "rq_timeout",
  "rq_total",
];

function limitsOf(c: OutboundCluster): Array<[string, number]> {
  const tcp = c.cluster.policy.connectionPool?.tcp;
  const http = c.cluster.policy.connectionPool?.http;
  return [
    ["max_connections", tcp?.maxConnections ?? UNLIMITED],
    ["max_pending_requests", http?.http1MaxPendingRequests ?? UNLIMITED],
    ["max_requests", http?.http2MaxRequests ?? UNLIMITED],
    ["max_retries", http?.maxRetries ?? UNLIMITED],
  ];
}

export function clustersText(snapshot: ConfigSnapshot, proxy: PodInfo): string {
  const lines: string[] = [];
  for (const c of buildClusters(snapshot, proxy).outbound) {
    lines.push(`${c.name}::observability_name::${c.name}`);
    for (const [name, value] of limitsOf(c)) lines.push(`${c.name}::default_priority::${name}::${value}`);
    lines.push(`${c.name}::added_via_api::true`);
    for (const e of endpointsOf(snapshot, c)) {
      const host = `${c.name}::${e.address}:${e.port}`;
      for (const counter of HOST_COUNTERS) lines.push(`${host}::${counter}::0`);
      lines.push(`${host}::hostname::`);
      lines.push(`${host}::health_flags::${e.healthy ? "healthy" : "/failed_eds_health"}`);
      lines.push(`${host}::weight::1`, `${host}::region::`, `${host}::zone::`, `${host}::sub_zone::`);
      lines.push(`${host}::canary::false`, `${host}::priority::0`);
      lines.push(`${host}::success_rate::-1`, `${host}::local_origin_success_rate::-1`);
    }
  }
  return lines.map((l) => `${l}\n`).join("");
}

export function clustersJson(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson {
  return {
    cluster_statuses: buildClusters(snapshot, proxy).outbound.map((c) => ({
      name: c.name,
      observability_name: c.name,
      added_via_api: true,
      circuit_breakers: {
        thresholds: [Object.fromEntries(limitsOf(c))],
      },
      host_statuses: endpointsOf(snapshot, c).map((e) => ({
        address: { socket_address: { address: e.address, port_value: e.port } },
        stats: HOST_COUNTERS.map((name) => ({
          name,
          type: name.endsWith("_active") ? "GAUGE" : "COUNTER",
        })),
        health_status: { eds_health_status: e.healthy ? "HEALTHY" : "UNHEALTHY" },
        weight: 1,
        locality: {},
      })),
    })),
  };
}
