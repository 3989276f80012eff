/**
 * LDS for one proxy, the listeners istiod writes (pilot/pkg/networking/core/listener.go),
 * reduced to what a reader of the dump looks for: `virtualOutbound` (15001, where iptables
 * sends the app's outbound traffic; unknown destinations → PassthroughCluster, or BlackHoleCluster
 * under REGISTRY_ONLY),
 * `virtualInbound` (15006, a filter chain per inbound port: an HTTP connection manager with the
 * workload's RBAC filters, or network RBAC and a TCP proxy), an HTTP listener per outbound
 * HTTP port (`0.0.0.0_9080`, RDS route config `9080`) and a TCP proxy per TCP service
 * (`<ClusterIP>_<port>`). A gateway listens for real on its servers' ports (`0.0.0.0_8080`,
 * route config `http.8080`).
 */
import { qualifyConfigHost } from "@/lib/istio/routing/hosts";
import { labelsMatch, type ConfigSnapshot, type PodInfo, type Protocol } from "@/lib/istio/routing/snapshot";
import { anyL4MatchHolds } from "@/lib/istio/routing/match-request";
import { catchAllRouteOf } from "@/lib/istio/routing/resolve-cluster";
import { selectVirtualServices } from "@/lib/istio/routing/select-virtual-services";
import { clusterNameOf } from "./build-http-route";
import { buildRbacFilters } from "./build-rbac-filters";
import { gatewayHttpPorts, sidecarSource } from "./build-route-configs";
import { ADS_CONFIG_SOURCE, typed, type EnvoyJson } from "./envoy-json";
import { outboundPortsOf } from "./outbound-ports";

const LISTENER_TYPE = "envoy.config.listener.v3.Listener";
const HCM_TYPE = "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager";
const TCP_PROXY_TYPE = "envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy";

/** The HTTP filters of an Istio proxy, in order; the fault filter reads each route's typed_per_filter_config. */
const HTTP_FILTERS = [
  "istio.metadata_exchange",
  "envoy.filters.http.grpc_stats",
  "istio.alpn",
  "envoy.filters.http.fault",
  "envoy.filters.http.cors",
  "istio.stats",
  "envoy.filters.http.router",
].map((name) => ({ name }));

/** An inbound connection manager's filters after the authentication and RBAC filters. */
const INBOUND_HTTP_FILTERS = [
  "envoy.filters.http.grpc_stats",
  "envoy.filters.http.fault",
  "envoy.filters.http.cors",
  "istio.stats",
  "envoy.filters.http.router",
].map((name) => ({ name }));

function socketAddress(address: string, port: number): EnvoyJson {
  return { socket_address: { address, port_value: port } };
}

function httpConnectionManager(statPrefix: string, routeConfigName: string): EnvoyJson {
  return {
    name: "envoy.filters.network.http_connection_manager",
    typed_config: typed(HCM_TYPE, {
      stat_prefix: statPrefix,
      rds: { config_source: ADS_CONFIG_SOURCE, route_config_name: routeConfigName },
      http_filters: HTTP_FILTERS,
      tracing: { client_sampling: { value: 100 }, random_sampling: { value: 1 }, overall_sampling: { value: 100 } },
      use_remote_address: false,
      upgrade_configs: [{ upgrade_type: "websocket" }],
      normalize_path: true,
      path_with_escaped_slashes_action: "KEEP_UNCHANGED",
      request_id_extension: {
        typed_config: typed("envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig", {
          use_request_id_for_trace_sampling: true,
        }),
      },
    }),
  };
}

/** A TCP proxy to one cluster, or split by weight over several. */
function tcpProxy(statPrefix: string, to: string | Array<{ name: string; weight: number }>): EnvoyJson {
  const target: EnvoyJson = typeof to === "string" ? { cluster: to } : { weighted_clusters: { clusters: to } };
  return {
    name: "envoy.filters.network.tcp_proxy",
    typed_config: typed(TCP_PROXY_TYPE, { stat_prefix: statPrefix, ...target }),
  };
}

/**
 * A TCP service's proxy filter as routeTcp (lib/istio/routing/route-tcp.ts) routes it: the first `tcp`
 * rule of the proxy's VirtualService whose L4 match holds for this port and proxy (all of
 * which is known when the config is built), with its weights; else the service's cluster.
 */
function tcpProxyFor(snapshot: ConfigSnapshot, proxy: PodInfo, host: string, port: number): EnvoyJson {
  const source = sidecarSource(proxy);
  const own = `outbound|${port}||${host}`;
  for (const vs of selectVirtualServices(snapshot, host, source)) {
    for (const rule of vs.spec.tcp ?? []) {
      if (!anyL4MatchHolds(rule.match, port, source, vs.namespace)) continue;
      const clusters = (rule.route ?? [])
        .filter((d) => (rule.route ?? []).length === 1 || (d.weight ?? 0) > 0)
        .map((d) => ({
          name: clusterNameOf(
            snapshot,
            {
              host: d.destination?.host ? qualifyConfigHost(d.destination.host, vs.namespace) : host,
              ...(d.destination?.subset ? { subset: d.destination.subset } : {}),
              ...(d.destination?.port?.number !== undefined ? { port: d.destination.port.number } : {}),
            },
            port,
          ),
          weight: d.weight ?? 0,
        }));
      if (clusters.length > 1) return tcpProxy(own, clusters);
      const only = clusters[0]?.name ?? own;
      return tcpProxy(only, only);
    }
  }
  return tcpProxy(own, own);
}

function listener(name: string, address: string, port: number, body: EnvoyJson): EnvoyJson {
  return typed(LISTENER_TYPE, { name, address: socketAddress(address, port), ...body });
}

function sidecarListeners(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  const out: EnvoyJson[] = [];
  // Connections to addresses no listener claims: PassthroughCluster, or BlackHoleCluster under REGISTRY_ONLY.
  const catchAll = catchAllRouteOf(snapshot).cluster;
  const httpPorts = new Set<number>();
  for (const row of outboundPortsOf(snapshot)) {
    if (row.protocol !== "tcp") {
      httpPorts.add(row.port);
      continue;
    }
    if (!row.clusterIp) continue;
    const name = `${row.clusterIp}_${row.port}`;
    out.push(
      listener(name, row.clusterIp, row.port, {
        filter_chains: [{ filters: [tcpProxyFor(snapshot, proxy, row.host, row.port)] }],
        bind_to_port: false,
        traffic_direction: "OUTBOUND",
      }),
    );
  }
  for (const port of [...httpPorts].sort((a, b) => a - b)) {
    out.push(
      listener(`0.0.0.0_${port}`, "0.0.0.0", port, {
        filter_chains: [{ filters: [httpConnectionManager(`outbound_0.0.0.0_${port}`, String(port))] }],
        default_filter_chain: {
          filters: [tcpProxy(catchAll, catchAll)],
          name: "PassthroughFilterChain",
        },
        bind_to_port: false,
        traffic_direction: "OUTBOUND",
      }),
    );
  }
  out.push(
    listener("virtualOutbound", "0.0.0.0", 15001, {
      filter_chains: [{ filters: [tcpProxy(catchAll, catchAll)], name: "virtualOutbound-catchall-tcp" }],
      use_original_dst: true,
      traffic_direction: "OUTBOUND",
    }),
  );
  out.push(
    listener("virtualInbound", "0.0.0.0", 15006, {
      filter_chains: inboundPortsOf(snapshot, proxy).map((inbound) => ({
        name: `0.0.0.0_${inbound.port}`,
        filter_chain_match: { destination_port: inbound.port },
        filters: inboundFilters(snapshot, proxy, inbound),
      })),
      use_original_dst: true,
      traffic_direction: "INBOUND",
    }),
  );
  return out;
}

interface InboundPort {
  /** Where the app listens (the Service port's targetPort). */
  port: number;
  protocol: Protocol;
  /** The first Service selecting the pod on that port, and its port: the decorator's `host:port`. */
  host: string;
  servicePort: number;
}

function inboundPortsOf(snapshot: ConfigSnapshot, proxy: PodInfo): InboundPort[] {
  const byPort = new Map<number, InboundPort>();
  for (const service of snapshot.services.values())
    if (
      service.namespace === proxy.namespace &&
      Object.keys(service.selector).length > 0 &&
      labelsMatch(service.selector, proxy.labels)
    )
      for (const p of service.ports)
        if (!byPort.has(p.targetPort))
          byPort.set(p.targetPort, {
            port: p.targetPort,
            protocol: p.protocol,
            host: service.fqdn,
            servicePort: p.port,
          });
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

/**
 * An inbound port's filters as istiod writes them: HTTP ports terminate HTTP in a connection manager whose RBAC
 * filters enforce the workload's AuthorizationPolicies before the router hands the request to `inbound|<port>||`;
 * TCP ports put the network RBAC filters before the TCP proxy (build-rbac-filters.ts).
 */
function inboundFilters(snapshot: ConfigSnapshot, proxy: PodInfo, inbound: InboundPort): EnvoyJson[] {
  const cluster = `inbound|${inbound.port}||`;
  if (inbound.protocol === "tcp") return [...buildRbacFilters(snapshot, proxy, "tcp"), tcpProxy(cluster, cluster)];
  return [
    {
      name: "envoy.filters.network.http_connection_manager",
      typed_config: typed(HCM_TYPE, {
        stat_prefix: `inbound_0.0.0.0_${inbound.port}`,
        route_config: {
          name: cluster,
          virtual_hosts: [
            {
              name: `inbound|http|${inbound.port}`,
              domains: ["*"],
              routes: [
                {
                  name: "default",
                  match: { prefix: "/" },
                  route: {
                    cluster,
                    timeout: "0s",
                    max_stream_duration: { max_stream_duration: "0s", grpc_timeout_header_max: "0s" },
                  },
                  decorator: { operation: `${inbound.host}:${inbound.servicePort}/*` },
                },
              ],
            },
          ],
          validate_clusters: false,
        },
        http_filters: [
          { name: "istio.metadata_exchange" },
          { name: "istio_authn" },
          ...buildRbacFilters(snapshot, proxy, "http"),
          ...INBOUND_HTTP_FILTERS,
        ],
        use_remote_address: false,
        normalize_path: true,
        path_with_escaped_slashes_action: "KEEP_UNCHANGED",
      }),
    },
  ];
}

function gatewayListeners(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  return gatewayHttpPorts(snapshot, proxy).map((port) =>
    listener(`0.0.0.0_${port}`, "0.0.0.0", port, {
      filter_chains: [{ filters: [httpConnectionManager(`outbound_0.0.0.0_${port}`, `http.${port}`)] }],
      traffic_direction: "OUTBOUND",
    }),
  );
}

/** Listeners in Envoy's dump order (by name). */
export function buildListeners(snapshot: ConfigSnapshot, proxy: PodInfo): EnvoyJson[] {
  const listeners = proxy.isGateway ? gatewayListeners(snapshot, proxy) : sidecarListeners(snapshot, proxy);
  return listeners.sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
}
