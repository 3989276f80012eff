/**
 * The names and addresses an Envoy access-log line carries, as Istio builds them: cluster
 * names (`outbound|9080|v1|ratings.bookinfo.svc.cluster.local`, `inbound|9080||`), route
 * decorators (span operation names), SNI of Istio mTLS, and ip:port pairs.
 */
import type { PodInfo } from "@/lib/istio/routing/snapshot";
import type { DestinationService } from "@/lib/istio/routing/resolve-cluster";
import type { HttpRequest } from "@/lib/istio/routing/types";
import type { EngineContext } from "./context";
import { isGrpcRequest } from "./grpc";

/**
 * Where a request from outside the cluster appears to come from at the ingress gateway:
 * with the Service's default externalTrafficPolicy (Cluster) kube-proxy SNATs it to a node.
 */
export const EXTERNAL_CLIENT_IP = "10.244.0.1";
/** The source address Istio's inbound passthrough uses toward the application (istio-iptables). */
export const INBOUND_PASSTHROUGH_IP = "127.0.0.6";

/**
 * The public address DNS gives an external host, stable per name: 203.0.113.0/24 (TEST-NET-3),
 * an address block reserved for documentation, so no log line names a real server's address.
 */
export function externalAddressOf(host: string): string {
  let hash = 0;
  for (const char of host) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `203.0.113.${1 + (hash % 254)}`;
}

export function addressOf(ip: string | undefined, port: number): string | undefined {
  return ip === undefined ? undefined : `${ip}:${port}`;
}

/** A fresh client-side address of a pod: its IP and an ephemeral port. */
export function clientAddressOf(ctx: EngineContext, ip: string | undefined): string | undefined {
  return addressOf(ip, ctx.ids.ephemeralPort());
}

/** :authority as the caller wrote it; a client omits the default port. */
export function authorityOf(request: HttpRequest): string {
  if (request.authority !== undefined) return request.authority;
  return request.port === 80 ? request.host : `${request.host}:${request.port}`;
}

/** Envoy's mirror policy appends `-shadow` to the host, before any port. */
export function shadowAuthorityOf(authority: string): string {
  const colon = authority.lastIndexOf(":");
  return colon > 0 ? `${authority.slice(0, colon)}-shadow${authority.slice(colon)}` : `${authority}-shadow`;
}

/** The route decorator Istio sets: `<host>:<port>/*`, which Envoy uses as the span's operation name. */
export function decoratorOf(host: string, port: number): string {
  return `${host}:${port}/*`;
}

export function outboundClusterOf(host: string, port: number, subset: string | undefined): string {
  return `outbound|${port}|${subset ?? ""}|${host}`;
}

/** The cluster a request to `service` goes to; passthrough traffic leaves through Istio's PassthroughCluster. */
export function clusterNameOf(service: DestinationService, port: number, subset: string | undefined): string {
  return service.kind === "passthrough" ? "PassthroughCluster" : outboundClusterOf(service.host, port, subset);
}

export function inboundClusterOf(targetPort: number): string {
  return `inbound|${targetPort}||`;
}

/** SNI of Istio mTLS between sidecars: `outbound_.9080_.v1_.ratings.bookinfo.svc.cluster.local`. */
export function mutualTlsServerNameOf(host: string, port: number, subset: string | undefined): string {
  return `outbound_.${port}_.${subset ?? ""}_.${host}`;
}

/** %PROTOCOL%: gRPC rides HTTP/2; the simulator's other upstreams are HTTP/1.1. */
export function protocolOf(request: HttpRequest): string {
  return isGrpcRequest(request) ? "HTTP/2" : "HTTP/1.1";
}

/** %BYTES_RECEIVED% counts the body only: a GET has none; other requests send what the engine sized. */
export function bodyBytesOf(request: HttpRequest, requestBytes: number): number {
  return request.method === "GET" || request.method === "HEAD" ? 0 : requestBytes;
}

/** The port a service port forwards to on its pods (the port the inbound listener and the app see). */
export function targetPortOf(service: DestinationService, port: number): number {
  return service.kind === "kubernetes"
    ? (service.service.ports.find((p) => p.port === port)?.targetPort ?? port)
    : port;
}

/** What the app dialed, as the outbound listener saw it: the service's ClusterIP (or the gateway pod's own port). */
export function dialedAddressOf(proxy: PodInfo, service: DestinationService, port: number): string | undefined {
  if (proxy.isGateway) return addressOf(proxy.ip, port);
  if (service.kind !== "kubernetes") return undefined;
  const clusterIp = service.service.clusterIp;
  return clusterIp === "" || clusterIp === "None" ? undefined : addressOf(clusterIp, port);
}
