/**
 * RDS for one proxy. A sidecar gets one RouteConfiguration per outbound HTTP port (`9080`)
 * with a virtual host per service on that port (`reviews.bookinfo.svc.cluster.local:9080`,
 * domains as in outbound-ports.ts) and the catch-all of the mesh's outbound policy (`allow_any` to PassthroughCluster,
 * or `block_all`'s direct 502 under REGISTRY_ONLY). A
 * gateway gets `http.<port>` per container port its Gateways' HTTP servers listen on, with a
 * virtual host per host of the VirtualServices bound to those Gateways. A host's routes are
 * the rules of the VirtualServices `selectVirtualServices` picks for this proxy — the same
 * call the traffic engine makes — in order; no VirtualService gives Istio's `default` route.
 */
import type { GatewayServer } from "@/lib/istio/types";
import { containerPortsOf, serverAccepts, serversOn } from "@/lib/istio/routing/gateway-servers";
import { labelsMatch, type ConfigSnapshot, type PodInfo } from "@/lib/istio/routing/snapshot";
import { BLOCK_ALL_ROUTE, catchAllRouteOf } from "@/lib/istio/routing/resolve-cluster";
import { selectVirtualServices } from "@/lib/istio/routing/select-virtual-services";
import type { SourceContext } from "@/lib/istio/routing/types";
import { defaultRoute, routesOfRule, type RouteTarget } from "./build-http-route";
import { typed, type EnvoyJson } from "./envoy-json";
import { domainsOf, outboundPortsOf } from "./outbound-ports";

const ROUTE_CONFIG_TYPE = "envoy.config.route.v3.RouteConfiguration";
const HTTP_GATEWAY_PROTOCOLS = new Set(["HTTP", "HTTP2", "GRPC", "GRPC-WEB"]);

function routesFor(snapshot: ConfigSnapshot, source: SourceContext, target: RouteTarget): EnvoyJson[] {
  const virtualServices = selectVirtualServices(snapshot, target.host, source);
  if (virtualServices.length === 0) return [defaultRoute(snapshot, target)];
  return virtualServices.flatMap((vs) =>
    (vs.spec.http ?? []).flatMap((rule) => routesOfRule(snapshot, vs, rule, source, target)),
  );
}

/**
 * The catch-all virtual host for hosts no Service or ServiceEntry declares, as istiod writes it for the mesh's
 * outbound policy (lib/istio/routing/resolve-cluster.ts `catchAllRouteOf`, the choice the traffic engine routes by):
 * `allow_any` to PassthroughCluster under ALLOW_ANY, `block_all` answering 502 itself under REGISTRY_ONLY.
 */
function catchAllVirtualHost(snapshot: ConfigSnapshot): EnvoyJson {
  const route = catchAllRouteOf(snapshot);
  const action: EnvoyJson =
    route === BLOCK_ALL_ROUTE
      ? { direct_response: { status: route.status } }
      : {
          route: {
            cluster: route.cluster,
            timeout: "0s",
            max_stream_duration: { max_stream_duration: "0s", grpc_timeout_header_max: "0s" },
          },
        };
  return {
    name: route.name,
    domains: ["*"],
    routes: [{ name: route.name, match: { prefix: "/" }, ...action }],
    include_request_attempt_count: true,
  };
}

function routeConfig(name: string, virtualHosts: EnvoyJson[]): EnvoyJson {
  return typed(ROUTE_CONFIG_TYPE, {
    name,
    virtual_hosts: virtualHosts,
    validate_clusters: false,
    max_direct_response_body_size_bytes: 1048576,
    ignore_port_in_host_matching: true,
  });
}

export function sidecarSource(proxy: PodInfo): SourceContext {
  return { namespace: proxy.namespace, labels: proxy.labels, gateways: ["mesh"] };
}

function sidecarRouteConfigs(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  const source = sidecarSource(proxy);
  const byPort = new Map<number, EnvoyJson[]>();
  for (const row of outboundPortsOf(snapshot)) {
    if (row.protocol === "tcp") continue;
    const hosts = byPort.get(row.port) ?? [];
    hosts.push({
      name: `${row.host}:${row.port}`,
      domains: domainsOf(row, proxy.namespace),
      routes: routesFor(snapshot, source, { host: row.host, port: row.port }),
      include_request_attempt_count: true,
    });
    byPort.set(row.port, hosts);
  }
  return [...byPort]
    .sort(([a], [b]) => a - b)
    .map(([port, hosts]) => routeConfig(String(port), [...hosts, catchAllVirtualHost(snapshot)]));
}

function isHttpServer(server: GatewayServer): boolean {
  return HTTP_GATEWAY_PROTOCOLS.has((server.port?.protocol ?? "").toUpperCase());
}

/**
 * The container ports a gateway pod listens on for HTTP servers, one listener and route config `http.<port>` each, as
 * istiod names them: a server on the gateway Service's port 80 listens on its targetPort 8080
 * (lib/istio/routing/gateway-servers.ts).
 */
export function gatewayHttpPorts(snapshot: ConfigSnapshot, proxy: PodInfo): number[] {
  const ports = new Set<number>();
  for (const gateway of snapshot.gateways.values()) {
    if (!gateway.spec.selector || !labelsMatch(gateway.spec.selector, proxy.labels)) continue;
    for (const server of gateway.spec.servers ?? [])
      if (server.port?.number !== undefined && isHttpServer(server))
        for (const port of containerPortsOf(snapshot, proxy, server.port.number)) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

/**
 * A virtual host per host of the VirtualServices bound to the Gateways served on the port, routed as the traffic
 * engine routes a request reaching the gateway (engine/gateway-hop.ts): the source's gateways are those whose
 * servers there accept the host, and the port a VirtualService's `match.port` sees is the accepting server's own.
 */
function gatewayRouteConfigs(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  return gatewayHttpPorts(snapshot, proxy).map((containerPort) => {
    const served = serversOn(snapshot, proxy, containerPort).filter(({ server }) => isHttpServer(server));
    const bound = new Set(served.map((s) => s.gateway));
    const hosts = new Set<string>();
    for (const vs of snapshot.virtualServices)
      if (vs.gateways.some((g) => bound.has(g)))
        for (const host of vs.hosts) if (served.some(({ server }) => serverAccepts(server, host))) hosts.add(host);
    const virtualHosts = [...hosts].sort().map((host) => {
      const accepting = served.filter(({ server }) => serverAccepts(server, host));
      const port = accepting[0]?.server.port?.number ?? containerPort;
      const source: SourceContext = {
        namespace: proxy.namespace,
        labels: proxy.labels,
        gateways: [...new Set(accepting.map((s) => s.gateway))],
      };
      return {
        name: `${host}:${port}`,
        domains: host === "*" ? ["*"] : [host, `${host}:*`],
        routes: routesFor(snapshot, source, { host, port }),
        include_request_attempt_count: true,
      };
    });
    return routeConfig(`http.${containerPort}`, virtualHosts);
  });
}

export function buildRouteConfigs(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  return proxy.isGateway ? gatewayRouteConfigs(snapshot, proxy) : sidecarRouteConfigs(snapshot, proxy);
}
