/**
 * Clusters of a config dump (static ones from the bootstrap, dynamic ones from istiod), each with what its name and
 * Istio's metadata say — direction, port, subset, host, the DestinationRule — and the traffic policy Envoy enforces:
 * the default-priority circuit breaker thresholds and outlier detection.
 */
import "server-only";
import type { EnvoyCluster } from "@/lib/contracts/envoy";
import type { ConfigDump, EnvoyClusterConfig } from "@/lib/envoy/config-dump";
import { istioObjectOf, parseClusterName } from "./istio-metadata";

function circuitBreakerOf(cluster: EnvoyClusterConfig): EnvoyCluster["circuitBreaker"] {
  // Envoy applies the DEFAULT threshold to ordinary traffic; HIGH is for what Istio never marks as high priority.
  const threshold = cluster.circuit_breakers?.thresholds?.find((t) => (t.priority ?? "DEFAULT") === "DEFAULT");
  if (!threshold) return undefined;
  return {
    maxConnections: threshold.max_connections,
    maxPendingRequests: threshold.max_pending_requests,
    maxRequests: threshold.max_requests,
    maxRetries: threshold.max_retries,
  };
}

function outlierDetectionOf(cluster: EnvoyClusterConfig): EnvoyCluster["outlierDetection"] {
  const o = cluster.outlier_detection;
  if (!o) return undefined;
  return {
    consecutive5xx: o.consecutive_5xx,
    consecutiveGatewayFailure: o.consecutive_gateway_failure,
    interval: o.interval,
    baseEjectionTime: o.base_ejection_time,
    maxEjectionPercent: o.max_ejection_percent,
  };
}

function toCluster(cluster: EnvoyClusterConfig, dynamic: boolean, lastUpdated: string | undefined): EnvoyCluster {
  const ref = istioObjectOf(cluster.metadata);
  return {
    name: cluster.name,
    ...parseClusterName(cluster.name),
    // proto3 JSON leaves out an enum's zero value, which for a cluster's type is STATIC.
    type: cluster.type ?? "STATIC",
    ...(ref?.kind === "DestinationRule" ? { destinationRule: ref } : {}),
    circuitBreaker: circuitBreakerOf(cluster),
    outlierDetection: outlierDetectionOf(cluster),
    dynamic,
    lastUpdated,
  };
}

export function summarizeClusters(dump: ConfigDump): EnvoyCluster[] {
  const section = dump.ClustersConfigDump;
  if (!section) return [];
  return [
    ...section.dynamic_active_clusters.map((c) => toCluster(c.cluster, true, c.last_updated)),
    ...section.static_clusters.map((c) => toCluster(c.cluster, false, c.last_updated)),
  ];
}
