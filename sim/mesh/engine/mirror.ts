/**
 * Traffic mirroring: Envoy's shadow request is fire-and-forget. It reaches a host of the
 * mirror cluster, whose inbound sidecar reports it like any request (so the mirror target
 * shows traffic), while the client proxy neither waits for nor reports it.
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import { connectionSecurity } from "@/lib/istio/routing/mutual-tls";
import { resolveCluster } from "@/lib/istio/routing/resolve-cluster";
import type { DestinationRef, HttpRequest } from "@/lib/istio/routing/types";
import { serviceLabelsOf } from "../telemetry/service-labels";
import { networkDelay, proxyKeyOf, type EngineContext } from "./context";
import { authorityOf, clientAddressOf, mutualTlsServerNameOf, shadowAuthorityOf } from "./proxy-addresses";
import { serveHttp } from "./serve-http";

export function fireMirror(
  ctx: EngineContext,
  proxy: PodInfo,
  destination: DestinationRef,
  request: HttpRequest,
  requestBytes: number,
): void {
  const resolved = resolveCluster(ctx.snapshot(), proxy.namespace, destination, request.port);
  if (!resolved.ok || resolved.cluster.service.kind !== "kubernetes") return;
  const { cluster } = resolved;
  const state = ctx.proxies.cluster(proxyKeyOf(proxy), cluster.key);
  const pod = state.pick(cluster.endpoints, cluster.policy.loadBalancer, ctx.rng);
  if (!pod) return;
  const targetPort =
    cluster.service.kind === "kubernetes"
      ? (cluster.service.service.ports.find((p) => p.port === cluster.port)?.targetPort ?? cluster.port)
      : cluster.port;
  const security = connectionSecurity(ctx.snapshot(), true, pod, targetPort, cluster.policy);
  if (security.refused) return;
  const callerAddress = clientAddressOf(ctx, proxy.ip);
  const inbound = {
    // The shadow carries the original's headers, trace context included, under Envoy's `-shadow` authority.
    request: { ...request, authority: shadowAuthorityOf(authorityOf(request)) },
    service: serviceLabelsOf(cluster.service),
    source: proxy.identity,
    mutualTls: security.mutualTls,
    requestBytes,
    targetPort,
    ...(callerAddress !== undefined ? { callerAddress } : {}),
    ...(security.mutualTls
      ? { serverName: mutualTlsServerNameOf(cluster.service.host, cluster.port, cluster.subset) }
      : {}),
  };
  ctx.scheduler.after(networkDelay(ctx), () => serveHttp(ctx, pod, inbound, () => undefined));
}
