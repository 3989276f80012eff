/**
 * One TCP connection from a client to a service: routed by the client's sidecar (VS `tcp`
 * rules, weighted per connection) or by kube-proxy when the client has none. Both proxies
 * count the connection as opened when it is established, and as closed — with the bytes
 * each way — when it ends. For TCP, Istio's peer metadata travels in the mTLS handshake,
 * so without mTLS the server's sidecar cannot name its caller (unknown).
 *
 * The server's sidecar applies the pod's AuthorizationPolicies when the client's first
 * bytes arrive (lib/istio/routing/authorize-request.ts, with no HTTP fields to read): a denied
 * connection is closed at once — no response code, no flag; both sides count it opened and
 * closed, with the bytes the client sent and nothing back.
 */
import type { PodInfo, WorkloadIdentity } from "@/lib/istio/routing/snapshot";
import { authorizationPoliciesFor, authorize } from "@/lib/istio/routing/authorize-request";
import { connectionSecurity } from "@/lib/istio/routing/mutual-tls";
import { resolveCluster, resolveService } from "@/lib/istio/routing/resolve-cluster";
import { routeTcp } from "@/lib/istio/routing/route-tcp";
import { poolLimitsOf } from "../proxy/connection-pool";
import { outlierSettingsOf } from "../proxy/outlier-detector";
import type { ServiceLabels, Reporter } from "../telemetry/labels";
import { formatFlags, type ResponseFlag } from "../telemetry/response-flags";
import { requestedServiceLabels, serviceLabelsOf } from "../telemetry/service-labels";
import { networkDelay, proxyKeyOf, type EngineContext } from "./context";
import { EXTERNAL_CLIENT_IP } from "./proxy-addresses";

export interface TcpPeers {
  source: WorkloadIdentity | undefined;
  destination: WorkloadIdentity | undefined;
  service: ServiceLabels;
  mutualTls: boolean;
}

/** One proxy's TCP counters for one connection (opened when established, closed with its bytes). */
export function reportTcp(
  ctx: EngineContext,
  reporter: Reporter,
  peers: TcpPeers,
  flags: ResponseFlag[],
  counts: { opened: number; closed: number; sent: number; received: number },
): void {
  ctx.telemetry.recordTcp({
    reporter,
    source: reporter === "destination" && !peers.mutualTls ? undefined : peers.source,
    destination: peers.destination,
    mutualTls: peers.mutualTls,
    service: peers.service,
    flags: formatFlags(flags),
    security: reporter === "source" ? "unknown" : peers.mutualTls ? "mutual_tls" : "none",
    opened: counts.opened,
    closed: counts.closed,
    sentBytes: counts.sent,
    receivedBytes: counts.received,
  });
}

export function openTcpConnection(
  ctx: EngineContext,
  caller: PodInfo | undefined,
  host: string,
  port: number,
  bytesOut: number,
): void {
  const snapshot = ctx.snapshot();
  const proxied = caller !== undefined && (caller.hasSidecar || caller.isGateway);
  const failLocally = (flag: ResponseFlag, service: ServiceLabels): void => {
    if (!proxied) return;
    reportTcp(ctx, "source", { source: caller.identity, destination: undefined, service, mutualTls: false }, [flag], {
      opened: 1,
      closed: 1,
      sent: 0,
      received: 0,
    });
  };

  let destination = { host } as { host: string; subset?: string; port?: number };
  if (proxied) {
    const decision = routeTcp(
      snapshot,
      { namespace: caller.namespace, labels: caller.labels, gateways: caller.isGateway ? [] : ["mesh"] },
      host,
      port,
      ctx.rng.next,
    );
    if (decision.kind === "noRoute") return failLocally("NR", requestedServiceLabels(resolveService(snapshot, host)));
    destination = decision.destination;
  }
  const resolved = resolveCluster(snapshot, caller?.namespace ?? "", proxied ? destination : { host }, port);
  if (!resolved.ok) return failLocally("NC", requestedServiceLabels(resolved.service));
  const { cluster } = resolved;
  const service = serviceLabelsOf(cluster.service);
  if (cluster.service.kind !== "kubernetes") return;
  const state = ctx.proxies.cluster(caller ? proxyKeyOf(caller) : "outside", cluster.key);
  const limits = proxied
    ? { maxActive: poolLimitsOf(cluster.policy.connectionPool).maxActive, maxPending: 0 }
    : { maxActive: Infinity, maxPending: 0 };
  if (state.tcpPool.acquire(limits, () => undefined).kind !== "granted") return failLocally("UO", service);
  const outliers = proxied ? outlierSettingsOf(cluster.policy.outlierDetection) : undefined;
  const healthy = outliers ? state.outliers.healthy(cluster.endpoints, ctx.scheduler.now) : cluster.endpoints;
  const pod = state.pick(healthy, proxied ? cluster.policy.loadBalancer : undefined, ctx.rng);
  if (!pod) {
    state.tcpPool.release(limits);
    return failLocally("UH", service);
  }
  const targetPort = cluster.service.service.ports.find((p) => p.port === cluster.port)?.targetPort ?? cluster.port;
  const security = connectionSecurity(snapshot, proxied, pod, targetPort, cluster.policy);
  if (security.refused) {
    state.tcpPool.release(limits);
    return failLocally("UF", service);
  }
  const peers: TcpPeers = {
    source: proxied ? caller.identity : undefined,
    destination: pod.identity,
    service,
    mutualTls: security.mutualTls,
  };
  const behaviour = ctx.behaviours.behaviourOf(pod);
  const sent = bytesOut + (behaviour.echoPrefixBytes ?? 0);
  const opened = { opened: 1, closed: 0, sent: 0, received: 0 };
  const closed = { opened: 0, closed: 1, sent, received: bytesOut };
  if (proxied) reportTcp(ctx, "source", peers, [], opened);
  ctx.scheduler.after(networkDelay(ctx), () => {
    if (pod.hasSidecar) reportTcp(ctx, "destination", peers, [], opened);
    if (pod.hasSidecar && !allowedBySidecar(ctx, pod, targetPort, caller, security.mutualTls)) {
      const refused = { opened: 0, closed: 1, sent: 0, received: bytesOut };
      reportTcp(ctx, "destination", peers, [], refused);
      ctx.scheduler.after(networkDelay(ctx), () => {
        state.tcpPool.release(limits);
        if (proxied) reportTcp(ctx, "source", peers, [], refused);
      });
      return;
    }
    const duration = ctx.rng.logNormal(behaviour.latency.p50, 0.5);
    ctx.scheduler.after(duration, () => {
      if (pod.hasSidecar) reportTcp(ctx, "destination", peers, [], closed);
      ctx.scheduler.after(networkDelay(ctx), () => {
        state.tcpPool.release(limits);
        if (proxied) reportTcp(ctx, "source", peers, [], closed);
      });
    });
  });
}

/** The server sidecar's RBAC filter on the connection's first bytes. */
function allowedBySidecar(
  ctx: EngineContext,
  pod: PodInfo,
  targetPort: number,
  caller: PodInfo | undefined,
  mutualTls: boolean,
): boolean {
  // A caller outside the cluster arrives from a node address (engine/proxy-addresses.ts).
  const sourceIp = caller ? caller.ip : EXTERNAL_CLIENT_IP;
  return authorize(authorizationPoliciesFor(ctx.snapshot(), pod), {
    // The caller's identity comes with its client certificate: none over plaintext.
    ...(mutualTls && caller ? { principal: caller.identity.principal } : {}),
    ...(sourceIp !== undefined ? { sourceIp } : {}),
    ...(pod.ip !== undefined ? { destinationIp: pod.ip } : {}),
    port: targetPort,
  }).allowed;
}
