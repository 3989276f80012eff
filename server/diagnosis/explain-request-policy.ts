/**
 * A destination's DestinationRule traffic policy in words, as resolve-cluster.ts merged it for
 * the subset and port (subset fields over the rule's, port-level over both): the load
 * balancer (Istio's default: LEAST_REQUEST), the connection pool limits, outlier detection.
 */
import "server-only";
import type { ConnectionPoolSettings, LoadBalancerSettings, OutlierDetection } from "@/lib/istio/types";
import type { EffectivePolicy } from "@/lib/istio/routing/resolve-cluster";

function loadBalancerInWords(lb: LoadBalancerSettings | undefined): string {
  const hash = lb?.consistentHash;
  if (hash) {
    if (hash.httpHeaderName) return `consistentHash on header ${hash.httpHeaderName}`;
    if (hash.httpCookie?.name) return `consistentHash on cookie ${hash.httpCookie.name}`;
    if (hash.httpQueryParameterName) return `consistentHash on query parameter ${hash.httpQueryParameterName}`;
    if (hash.useSourceIp) return "consistentHash on the source IP";
    return "consistentHash";
  }
  if (lb?.simple && lb.simple !== "UNSPECIFIED") return lb.simple;
  return "LEAST_REQUEST (Istio's default)";
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function connectionPoolInWords(pool: ConnectionPoolSettings | undefined): string | undefined {
  if (!pool) return undefined;
  const parts: string[] = [];
  if (pool.tcp?.maxConnections !== undefined) parts.push(plural(pool.tcp.maxConnections, "connection"));
  if (pool.http?.http1MaxPendingRequests !== undefined)
    parts.push(plural(pool.http.http1MaxPendingRequests, "pending request"));
  if (pool.http?.http2MaxRequests !== undefined) parts.push(plural(pool.http.http2MaxRequests, "request") + " at once");
  if (pool.http?.maxRequestsPerConnection !== undefined)
    parts.push(`${plural(pool.http.maxRequestsPerConnection, "request")} per connection`);
  if (pool.http?.maxRetries !== undefined) parts.push(`${plural(pool.http.maxRetries, "retry", "retries")} at once`);
  const limits = parts.length > 0 ? `at most ${parts.join(", ")}` : "no limits set";
  const timeout = pool.tcp?.connectTimeout ? `; connect timeout ${pool.tcp.connectTimeout}` : "";
  return `${limits}${timeout}`;
}

function outlierDetectionInWords(outlier: OutlierDetection | undefined): string | undefined {
  if (!outlier) return undefined;
  const after: string[] = [];
  const fivexx = outlier.consecutive5xxErrors ?? outlier.consecutiveErrors;
  if (fivexx !== undefined) after.push(`${fivexx} consecutive 5xx`);
  if (outlier.consecutiveGatewayErrors !== undefined)
    after.push(`${outlier.consecutiveGatewayErrors} consecutive gateway errors`);
  // Istio's defaults (DestinationRule reference): 5 consecutive 5xx, every 10 s, for 30 s, at most 10 %.
  const trigger = after.length > 0 ? after.join(" or ") : "5 consecutive 5xx (Istio's default)";
  return (
    `eject a pod after ${trigger}, checked every ${outlier.interval ?? "10s"}, ` +
    `for ${outlier.baseEjectionTime ?? "30s"}, at most ${outlier.maxEjectionPercent ?? 10} % of pods`
  );
}

export function trafficPolicyInWords(policy: EffectivePolicy): {
  loadBalancer: string;
  connectionPool?: string;
  outlierDetection?: string;
} {
  const connectionPool = connectionPoolInWords(policy.connectionPool);
  const outlierDetection = outlierDetectionInWords(policy.outlierDetection);
  return {
    loadBalancer: loadBalancerInWords(policy.loadBalancer),
    ...(connectionPool ? { connectionPool } : {}),
    ...(outlierDetection ? { outlierDetection } : {}),
  };
}
