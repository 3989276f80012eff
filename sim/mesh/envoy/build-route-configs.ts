/**
 * RDS for one proxy. A sidecar gets one RouteConfiguration per outbound HTTP port (`9080`)
 * with a virtual host per service on that port (`reviews.bookinfo.svc.cluster.local:9080`,
 * domains as in outbound-ports.ts) and the `allow_any` catch-all to PassthroughCluster. A
 * gateway gets `http.<port>` per HTTP server port of the Gateways selecting it, with a
 * virtual host per host of the VirtualServices bound to those Gateways. A host's routes are
 * the rules of the VirtualServices `selectVirtualServices` picks for this proxy — the same
 * call the traffic engine makes — in order; no VirtualService gives Istio's `default` route.
 */
import { hostMatches } from "../config/hosts";
import { labelsMatch, type ConfigSnapshot, type GatewayEntry, type PodInfo } from "../config/snapshot";
import { selectVirtualServices } from "../router/select-virtual-services";
import type { SourceContext } from "../router/types";
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

const ALLOW_ANY: EnvoyJson = {
  name: "allow_any",
  domains: ["*"],
  routes: [
    {
      name: "allow_any",
      match: { prefix: "/" },
      route: {
        cluster: "PassthroughCluster",
        timeout: "0s",
        max_stream_duration: { max_stream_duration: "0s", grpc_timeout_header_max: "0s" },
      },
    },
  ],
  include_request_attempt_count: true,
};

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
  return [...byPort].sort(([a], [b]) => a - b).map(([port, hosts]) => routeConfig(String(port), [...hosts, ALLOW_ANY]));
}

/** The Gateways selecting a gateway pod, as `namespace/name` with their entries. */
export function gatewaysOf(snapshot: ConfigSnapshot, proxy: PodInfo): Array<[string, GatewayEntry]> {
  return [...snapshot.gateways].filter(([, g]) => g.spec.selector && labelsMatch(g.spec.selector, proxy.labels));
}

/** HTTP server ports of the Gateways selecting a gateway pod: one listener and route config each. */
export function gatewayHttpPorts(snapshot: ConfigSnapshot, proxy: PodInfo): number[] {
  const ports = new Set<number>();
  for (const [, gateway] of gatewaysOf(snapshot, proxy))
    for (const server of gateway.spec.servers ?? [])
      if (server.port?.number !== undefined && HTTP_GATEWAY_PROTOCOLS.has((server.port.protocol ?? "").toUpperCase()))
        ports.add(server.port.number);
  return [...ports].sort((a, b) => a - b);
}

function gatewayRouteConfigs(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  const gateways = gatewaysOf(snapshot, proxy);
  return gatewayHttpPorts(snapshot, proxy).map((port) => {
    const accepting = gateways.filter(([, g]) => (g.spec.servers ?? []).some((s) => s.port?.number === port));
    const source: SourceContext = {
      namespace: proxy.namespace,
      labels: proxy.labels,
      gateways: accepting.map(([key]) => key),
    };
    const serverHosts = accepting.flatMap(([, g]) =>
      (g.spec.servers ?? []).filter((s) => s.port?.number === port).flatMap((s) => s.hosts ?? []),
    );
    const hosts = new Set<string>();
    for (const vs of snapshot.virtualServices) {
      if (!vs.gateways.some((g) => source.gateways.includes(g))) continue;
      for (const host of vs.hosts)
        if (serverHosts.some((h) => hostMatches(h.split("/").pop() ?? h, host))) hosts.add(host);
    }
    const virtualHosts = [...hosts].sort().map((host) => ({
      name: `${host}:${port}`,
      domains: host === "*" ? ["*"] : [host, `${host}:*`],
      routes: routesFor(snapshot, source, { host, port }),
      include_request_attempt_count: true,
    }));
    return routeConfig(`http.${port}`, virtualHosts);
  });
}

export function buildRouteConfigs(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  return proxy.isGateway ? gatewayRouteConfigs(snapshot, proxy) : sidecarRouteConfigs(snapshot, proxy);
}
