/**
 * CDS as istiod builds it for one proxy (pilot/pkg/networking/core/cluster_builder.go):
 * an `outbound|port||host` cluster per service port, one more per DestinationRule subset
 * (`outbound|9080|v2|reviews.bookinfo.svc.cluster.local`), `inbound|port||` clusters for
 * the ports of the services that select a sidecar's own pod, and PassthroughCluster and
 * BlackHoleCluster. Each cluster's traffic policy is the one `resolveCluster` gives the
 * traffic engine (lib/istio/routing/resolve-cluster.ts), so what the dump shows is what traffic gets.
 */
import { parseDurationMs } from "@/lib/istio/duration";
import type { ClientTLSSettings } from "@/lib/istio/types";
import { labelsMatch, type ConfigSnapshot, type PodInfo } from "@/lib/istio/routing/snapshot";
import {
  findDestinationRule,
  resolveCluster,
  type Cluster,
  type EffectivePolicy,
} from "@/lib/istio/routing/resolve-cluster";
import { ADS_CONFIG_SOURCE, istioConfigPath, protoDuration, typed, type EnvoyJson } from "./envoy-json";
import { outboundPortsOf, type OutboundPort } from "./outbound-ports";

const CLUSTER_TYPE = "envoy.config.cluster.v3.Cluster";
/** Envoy's "no limit" for circuit breakers, which istiod writes when a DestinationRule sets none. */
const UNLIMITED = 4294967295;

/** One outbound cluster and the service port it serves: also what EDS and /clusters list. */
export interface OutboundCluster {
  name: string;
  row: OutboundPort;
  subset?: string;
  /** The subset's labels: endpoints are the service's pods that carry them. */
  subsetLabels?: Readonly<Record<string, string>>;
  cluster: Cluster;
  /** `namespace/name` of the DestinationRule that shaped it. */
  destinationRule?: { namespace: string; name: string };
}

export function outboundClustersOf(snapshot: ConfigSnapshot, proxy: PodInfo): OutboundCluster[] {
  const out: OutboundCluster[] = [];
  for (const row of outboundPortsOf(snapshot)) {
    const dr = findDestinationRule(snapshot, proxy.namespace, row.host, row.namespace);
    const drRef = dr ? { destinationRule: { namespace: dr.namespace, name: dr.name } } : {};
    const plain = resolveCluster(snapshot, proxy.namespace, { host: row.host, port: row.port }, row.port);
    if (plain.ok) out.push({ name: plain.cluster.key, row, cluster: plain.cluster, ...drRef });
    for (const subset of dr?.spec.subsets ?? []) {
      if (!subset.name) continue;
      const resolved = resolveCluster(
        snapshot,
        proxy.namespace,
        { host: row.host, port: row.port, subset: subset.name },
        row.port,
      );
      if (!resolved.ok) continue;
      out.push({
        name: resolved.cluster.key,
        row,
        subset: subset.name,
        subsetLabels: subset.labels ?? {},
        cluster: resolved.cluster,
        ...drRef,
      });
    }
  }
  return out;
}

const LB_POLICY: Record<string, string> = {
  ROUND_ROBIN: "ROUND_ROBIN",
  RANDOM: "RANDOM",
  LEAST_REQUEST: "LEAST_REQUEST",
  LEAST_CONN: "LEAST_REQUEST",
  PASSTHROUGH: "CLUSTER_PROVIDED",
};

function durationField(text: string | undefined): string | undefined {
  const ms = text ? parseDurationMs(text) : undefined;
  return ms !== undefined ? protoDuration(ms) : undefined;
}

function circuitBreakers(policy: EffectivePolicy): EnvoyJson {
  const tcp = policy.connectionPool?.tcp;
  const http = policy.connectionPool?.http;
  return {
    thresholds: [
      {
        max_connections: tcp?.maxConnections ?? UNLIMITED,
        max_pending_requests: http?.http1MaxPendingRequests ?? UNLIMITED,
        max_requests: http?.http2MaxRequests ?? UNLIMITED,
        max_retries: http?.maxRetries ?? UNLIMITED,
        track_remaining: true,
      },
    ],
  };
}

/** istiod's applyOutlierDetection: gateway errors and 5xx are enforced at 100%, success rate off. */
function outlierDetection(policy: EffectivePolicy): EnvoyJson | undefined {
  const od = policy.outlierDetection;
  if (!od) return undefined;
  const out: EnvoyJson = { enforcing_success_rate: 0 };
  const consecutive5xx = od.consecutive5xxErrors ?? od.consecutiveErrors;
  if (consecutive5xx !== undefined) {
    out.consecutive_5xx = consecutive5xx;
    out.enforcing_consecutive_5xx = consecutive5xx > 0 ? 100 : 0;
  }
  if (od.consecutiveGatewayErrors !== undefined) {
    out.consecutive_gateway_failure = od.consecutiveGatewayErrors;
    out.enforcing_consecutive_gateway_failure = od.consecutiveGatewayErrors > 0 ? 100 : 0;
  }
  const interval = durationField(od.interval);
  if (interval) out.interval = interval;
  const base = durationField(od.baseEjectionTime);
  if (base) out.base_ejection_time = base;
  if (od.maxEjectionPercent !== undefined) out.max_ejection_percent = od.maxEjectionPercent;
  return out;
}

/**
 * Auto mTLS, when no DestinationRule sets `tls`: Istio mTLS to endpoints labelled
 * `tlsMode: istio` (build-endpoints.ts: a sidecar whose PeerAuthentication is not DISABLE,
 * as lib/istio/routing/mutual-tls.ts decides for traffic), plaintext to the rest.
 */
function autoMutualTls(sni: string): EnvoyJson[] {
  const istio = transportSocket({ mode: "ISTIO_MUTUAL" }, sni);
  return [
    { name: "tlsMode-istio", match: { tlsMode: "istio" }, ...(istio ? { transport_socket: istio } : {}) },
    {
      name: "tlsMode-disabled",
      match: {},
      transport_socket: {
        name: "envoy.transport_sockets.raw_buffer",
        typed_config: typed("envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer"),
      },
    },
  ];
}

/** ISTIO_MUTUAL or a DestinationRule's own TLS. */
function transportSocket(tls: ClientTLSSettings | undefined, sni: string): EnvoyJson | undefined {
  if (!tls || tls.mode === undefined || tls.mode === "DISABLE") return undefined;
  const istio = tls.mode === "ISTIO_MUTUAL";
  return {
    name: "envoy.transport_sockets.tls",
    typed_config: typed("envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext", {
      common_tls_context: istio
        ? {
            alpn_protocols: ["istio-peer-exchange", "istio"],
            tls_certificate_sds_secret_configs: [{ name: "default", sds_config: ADS_CONFIG_SOURCE }],
            combined_validation_context: {
              default_validation_context: {},
              validation_context_sds_secret_config: { name: "ROOTCA", sds_config: ADS_CONFIG_SOURCE },
            },
          }
        : {
            ...(tls.credentialName
              ? { tls_certificate_sds_secret_configs: [{ name: `kubernetes://${tls.credentialName}` }] }
              : {}),
          },
      sni: tls.sni ?? (istio ? sni : ""),
    }),
  };
}

function outboundClusterJson(c: OutboundCluster): EnvoyJson {
  const policy = c.cluster.policy;
  const http = policy.connectionPool?.http;
  const tcp = policy.connectionPool?.tcp;
  const istio: EnvoyJson = {
    services: [{ host: c.row.host, name: c.row.name, namespace: c.row.namespace }],
    default_original_port: c.row.port,
  };
  if (c.subset) istio.subset = c.subset;
  if (c.destinationRule)
    istio.config = istioConfigPath("destination-rule", c.destinationRule.namespace, c.destinationRule.name);
  const json: EnvoyJson = {
    "@type": `type.googleapis.com/${CLUSTER_TYPE}`,
    name: c.name,
    type: "EDS",
    eds_cluster_config: { eds_config: ADS_CONFIG_SOURCE, service_name: c.name },
    connect_timeout: durationField(tcp?.connectTimeout) ?? "10s",
    lb_policy: LB_POLICY[policy.loadBalancer?.simple ?? "LEAST_REQUEST"] ?? "LEAST_REQUEST",
    circuit_breakers: circuitBreakers(policy),
    common_lb_config: {
      locality_weighted_lb_config: {},
      ...(policy.outlierDetection?.minHealthPercent !== undefined
        ? { healthy_panic_threshold: { value: policy.outlierDetection.minHealthPercent } }
        : {}),
    },
    metadata: { filter_metadata: { istio } },
    alt_stat_name: `${c.name};`,
  };
  const outliers = outlierDetection(policy);
  if (outliers) json.outlier_detection = outliers;
  const protocolOptions: EnvoyJson = {};
  if (http?.maxRequestsPerConnection !== undefined)
    protocolOptions.max_requests_per_connection = http.maxRequestsPerConnection;
  const idle = durationField(http?.idleTimeout);
  if (idle) protocolOptions.idle_timeout = idle;
  if (Object.keys(protocolOptions).length > 0)
    json.typed_extension_protocol_options = {
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": typed(
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        { common_http_protocol_options: protocolOptions, explicit_http_config: { http_protocol_options: {} } },
      ),
    };
  const sni = `outbound_.${c.row.port}_.${c.subset ?? ""}_.${c.row.host}`;
  if (policy.tls?.mode === undefined) json.transport_socket_matches = autoMutualTls(sni);
  else {
    const socket = transportSocket(policy.tls, sni);
    if (socket) json.transport_socket = socket;
  }
  return json;
}

/** The ports of the services selecting the sidecar's own pod: `inbound|<targetPort>||`. */
function inboundClusterNames(snapshot: ConfigSnapshot, proxy: PodInfo): Array<{ name: string; port: number }> {
  const ports = new Set<number>();
  for (const service of snapshot.services.values()) {
    if (service.namespace !== proxy.namespace || Object.keys(service.selector).length === 0) continue;
    if (!labelsMatch(service.selector, proxy.labels)) continue;
    for (const p of service.ports) ports.add(p.targetPort);
  }
  return [...ports].sort((a, b) => a - b).map((port) => ({ name: `inbound|${port}||`, port }));
}

function inboundClusterJson(name: string, port: number): EnvoyJson {
  return typed(CLUSTER_TYPE, {
    name,
    type: "ORIGINAL_DST",
    connect_timeout: "10s",
    lb_policy: "CLUSTER_PROVIDED",
    circuit_breakers: circuitBreakers({}),
    upstream_bind_config: { source_address: { address: "127.0.0.6", port_value: 0 } },
    metadata: { filter_metadata: { istio: { services: [] } } },
    alt_stat_name: `${name};`,
    common_lb_config: {},
    cleanup_interval: "60s",
    original_dst_lb_config: { upstream_port_override: port },
  });
}

const PASSTHROUGH = typed(CLUSTER_TYPE, {
  name: "PassthroughCluster",
  type: "ORIGINAL_DST",
  connect_timeout: "10s",
  lb_policy: "CLUSTER_PROVIDED",
  circuit_breakers: circuitBreakers({}),
  typed_extension_protocol_options: {
    "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": typed(
      "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
      { use_downstream_protocol_config: { http_protocol_options: {}, http2_protocol_options: {} } },
    ),
  },
  filters: [{ name: "istio.metadata_exchange" }],
});

const BLACK_HOLE = typed(CLUSTER_TYPE, { name: "BlackHoleCluster", type: "STATIC", connect_timeout: "10s" });

/** Clusters from the bootstrap (static_clusters), the same for every Istio proxy. */
export const STATIC_CLUSTER_NAMES = ["prometheus_stats", "agent", "sds-grpc", "xds-grpc"] as const;

export interface BuiltClusters {
  outbound: OutboundCluster[];
  /** dynamic_active_clusters' `cluster` values, in Envoy's order (by name). */
  dynamic: EnvoyJson[];
}

export function buildClusters(snapshot: ConfigSnapshot, proxy: PodInfo): BuiltClusters {
  const outbound = outboundClustersOf(snapshot, proxy);
  const dynamic: Array<{ name: string; json: EnvoyJson }> = outbound.map((c) => ({
    name: c.name,
    json: outboundClusterJson(c),
  }));
  if (!proxy.isGateway) {
    for (const { name, port } of inboundClusterNames(snapshot, proxy))
      dynamic.push({ name, json: inboundClusterJson(name, port) });
    dynamic.push({ name: "PassthroughCluster", json: PASSTHROUGH });
  }
  dynamic.push({ name: "BlackHoleCluster", json: BLACK_HOLE });
  dynamic.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { outbound, dynamic: dynamic.map((d) => d.json) };
}
