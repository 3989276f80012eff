/** A DestinationRule traffic policy: connection pool, outlier detection, load balancer, TLS, per-port settings. */
import type {
  ClientTLSSettings,
  ConnectionPoolSettings,
  LoadBalancerSettings,
  OutlierDetection,
  TrafficPolicy,
} from "../../types";
import { validateDuration, validatePercent } from "../common-checks";
import { MESSAGES as M } from "../messages";
import type { Findings } from "../types";

function checkOutlier(f: Findings, path: string, o: OutlierDetection | undefined): void {
  if (!o) return;
  if (o.baseEjectionTime !== undefined) f.error(`${path}/baseEjectionTime`, validateDuration(o.baseEjectionTime));
  if (o.consecutiveErrors !== undefined && o.consecutiveErrors !== 0)
    f.warn(`${path}/consecutiveErrors`, M.outlierConsecutiveErrorsDeprecated());
  if (!o.splitExternalLocalOriginErrors && (o.consecutiveLocalOriginFailures ?? 0) > 0)
    f.error(path, M.outlierLocalOriginWithoutSplit());
  if (o.interval !== undefined) f.error(`${path}/interval`, validateDuration(o.interval));
  f.error(`${path}/maxEjectionPercent`, validatePercent(o.maxEjectionPercent));
  f.error(`${path}/minHealthPercent`, validatePercent(o.minHealthPercent));
}

function checkConnectionPool(f: Findings, path: string, pool: ConnectionPoolSettings | undefined): void {
  if (!pool) return;
  if (!pool.http && !pool.tcp) {
    f.error(path, M.connectionPoolEmpty());
    return;
  }
  const http = pool.http;
  if (http) {
    const at = `${path}/http`;
    if ((http.http1MaxPendingRequests ?? 0) < 0) f.error(`${at}/http1MaxPendingRequests`, M.http1MaxPendingNegative());
    if ((http.http2MaxRequests ?? 0) < 0) f.error(`${at}/http2MaxRequests`, M.http2MaxRequestsNegative());
    if ((http.maxRequestsPerConnection ?? 0) < 0)
      f.error(`${at}/maxRequestsPerConnection`, M.maxRequestsPerConnectionNegative());
    if ((http.maxRetries ?? 0) < 0) f.error(`${at}/maxRetries`, M.maxRetriesNegative());
    if (http.idleTimeout !== undefined) f.error(`${at}/idleTimeout`, validateDuration(http.idleTimeout));
    if (http.h2UpgradePolicy === "UPGRADE" && http.useClientProtocol) f.error(at, M.clientProtocolWithUpgrade());
    if ((http.maxConcurrentStreams ?? 0) < 0) f.error(`${at}/maxConcurrentStreams`, M.maxConcurrentStreamsNegative());
  }
  const tcp = pool.tcp;
  if (tcp) {
    const at = `${path}/tcp`;
    if ((tcp.maxConnections ?? 0) < 0) f.error(`${at}/maxConnections`, M.maxConnectionsNegative());
    for (const key of ["connectTimeout", "maxConnectionDuration", "idleTimeout"] as const) {
      if (tcp[key] !== undefined) f.error(`${at}/${key}`, validateDuration(tcp[key]));
    }
    if (tcp.tcpKeepalive?.time !== undefined)
      f.error(`${at}/tcpKeepalive/time`, validateDuration(tcp.tcpKeepalive.time));
    if (tcp.tcpKeepalive?.interval !== undefined)
      f.error(`${at}/tcpKeepalive/interval`, validateDuration(tcp.tcpKeepalive.interval));
  }
}

function checkLoadBalancer(f: Findings, path: string, lb: LoadBalancerSettings | undefined): void {
  if (!lb) return;
  const ch = lb.consistentHash;
  if (ch) {
    if (ch.httpCookie && !ch.httpCookie.name) f.error(`${path}/consistentHash/httpCookie`, M.httpCookieName());
    if (ch.minimumRingSize !== undefined && ch.minimumRingSize !== 0)
      f.warn(`${path}/consistentHash/minimumRingSize`, M.minimumRingSizeDeprecated());
  }
  if (lb.warmupDurationSecs !== undefined)
    f.error(`${path}/warmupDurationSecs`, validateDuration(lb.warmupDurationSecs));
}

function checkClientTls(f: Findings, path: string, tls: ClientTLSSettings | undefined): void {
  if (!tls) return;
  if ((tls.mode === "SIMPLE" || tls.mode === "MUTUAL") && tls.credentialName) {
    if (tls.clientCertificate || tls.caCertificates || tls.privateKey) f.error(path, M.credentialNameWithCerts());
    return;
  }
  if (tls.mode === "MUTUAL") {
    if (!tls.clientCertificate) f.error(path, M.mutualTlsClientCert());
    if (!tls.privateKey) f.error(path, M.mutualTlsPrivateKey());
  }
}

export function checkTrafficPolicy(f: Findings, path: string, policy: TrafficPolicy | undefined): void {
  if (!policy) return;
  if (
    !policy.outlierDetection &&
    !policy.connectionPool &&
    !policy.loadBalancer &&
    !policy.tls &&
    !policy.portLevelSettings &&
    !policy.tunnel &&
    !policy.proxyProtocol
  ) {
    f.error(path, M.trafficPolicyEmpty());
    return;
  }
  if (policy.tunnel && policy.proxyProtocol) {
    f.error(path, M.tunnelAndProxyProtocol());
    return;
  }
  checkOutlier(f, `${path}/outlierDetection`, policy.outlierDetection);
  checkConnectionPool(f, `${path}/connectionPool`, policy.connectionPool);
  checkLoadBalancer(f, `${path}/loadBalancer`, policy.loadBalancer);
  checkClientTls(f, `${path}/tls`, policy.tls);
  (policy.portLevelSettings ?? []).forEach((p, i) => {
    const at = `${path}/portLevelSettings[${i}]`;
    if (!p.port) f.error(at, M.portTrafficPolicyPort());
    if (!p.outlierDetection && !p.connectionPool && !p.loadBalancer && !p.tls) {
      f.error(at, M.portTrafficPolicyEmpty());
      return;
    }
    checkOutlier(f, `${at}/outlierDetection`, p.outlierDetection);
    checkConnectionPool(f, `${at}/connectionPool`, p.connectionPool);
    checkLoadBalancer(f, `${at}/loadBalancer`, p.loadBalancer);
    checkClientTls(f, `${at}/tls`, p.tls);
  });
}
