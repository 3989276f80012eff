/**
 * Envoy's `/config_dump` for one simulated proxy, a pure function of the routing snapshot:
 * `{configs: [Bootstrap, Clusters, Ecds, (Endpoints with include_eds), Listeners,
 * ScopedRoutes, Routes, Secrets]}` in Envoy's order, every dynamic resource stamped with
 * the push version `<push time>/<snapshot version>`, which changes with every rebuild.
 */
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import { buildClusters, STATIC_CLUSTER_NAMES } from "./build-clusters";
import { loadAssignment } from "./build-endpoints";
import { buildListeners } from "./build-listeners";
import { buildRouteConfigs } from "./build-route-configs";
import { ADS_CONFIG_SOURCE, typed, type EnvoyJson } from "./envoy-json";

/** The Istio release of the simulated control plane (sim/scenarios/default/00-istio-system.yaml). */
export const ISTIO_VERSION = "1.24.2";
/** The Envoy build Istio 1.24 ships. */
export const ENVOY_VERSION = "6c72b2179f5a58988b920a55b0be8346de3f7b35/1.32.3-dev/Clean/RELEASE/BoringSSL";

export interface ConfigDumpOptions {
  /** When istiod pushed this snapshot version to the proxy. */
  pushedAt: Date;
  /** `?include_eds`: add the EndpointsConfigDump. */
  includeEds?: boolean;
}

const ADMIN = "envoy.admin.v3.";
/** What Envoy prints instead of secret bytes (base64 of `[redacted]`). */
const REDACTED = "W3JlZGFjdGVkXQ==";

/** `2026-08-24T10:15:00Z/42`: istiod's push version, the time without fractions and a counter. */
export function pushVersion(snapshot: Pick<ConfigSnapshot, "version">, pushedAt: Date): string {
  return `${pushedAt.toISOString().replace(/\.\d{3}Z$/, "Z")}/${snapshot.version}`;
}

/** `sidecar~10.244.1.12~productpage-v1-….bookinfo~bookinfo.svc.cluster.local` (router~ for gateways). */
export function nodeIdOf(proxy: PodInfo): string {
  const type = proxy.isGateway ? "router" : "sidecar";
  return `${type}~${proxy.ip ?? ""}~${proxy.name}.${proxy.namespace}~${proxy.namespace}.svc.cluster.local`;
}

export function nodeOf(proxy: PodInfo): EnvoyJson {
  return {
    id: nodeIdOf(proxy),
    cluster: `${proxy.identity.canonicalService}.${proxy.namespace}`,
    metadata: {
      NAME: proxy.name,
      NAMESPACE: proxy.namespace,
      LABELS: { ...proxy.labels },
      WORKLOAD_NAME: proxy.identity.workload,
      SERVICE_ACCOUNT: proxy.serviceAccount,
      ISTIO_VERSION,
      CLUSTER_ID: "Kubernetes",
      MESH_ID: "cluster.local",
      INTERCEPTION_MODE: "REDIRECT",
      INSTANCE_IPS: proxy.ip ?? "",
    },
    user_agent_name: "envoy",
    user_agent_build_version: { version: { major_number: 1, minor_number: 32, patch: 3 } },
  };
}

function bootstrap(proxy: PodInfo, pushedAt: string): EnvoyJson {
  return typed(`${ADMIN}BootstrapConfigDump`, {
    bootstrap: {
      node: nodeOf(proxy),
      static_resources: { clusters: STATIC_CLUSTER_NAMES.map((name) => ({ name })) },
      dynamic_resources: {
        lds_config: ADS_CONFIG_SOURCE,
        cds_config: ADS_CONFIG_SOURCE,
        ads_config: {
          api_type: "GRPC",
          grpc_services: [{ envoy_grpc: { cluster_name: "xds-grpc" } }],
          transport_api_version: "V3",
        },
      },
      admin: { address: { socket_address: { address: "127.0.0.1", port_value: 15000 } } },
    },
    last_updated: pushedAt,
  });
}

function secrets(version: string, pushedAt: string): EnvoyJson {
  const secret = (name: string, body: EnvoyJson): EnvoyJson => ({
    name,
    version_info: version,
    last_updated: pushedAt,
    secret: typed("envoy.extensions.transport_sockets.tls.v3.Secret", { name, ...body }),
  });
  return typed(`${ADMIN}SecretsConfigDump`, {
    dynamic_active_secrets: [
      secret("default", {
        tls_certificate: { certificate_chain: { inline_bytes: REDACTED }, private_key: { inline_bytes: REDACTED } },
      }),
      secret("ROOTCA", { validation_context: { trusted_ca: { inline_bytes: REDACTED } } }),
    ],
  });
}

export function configDumpFor(snapshot: ConfigSnapshot, proxy: PodInfo, options: ConfigDumpOptions): EnvoyJson {
  const version = pushVersion(snapshot, options.pushedAt);
  const at = options.pushedAt.toISOString();
  const clusters = buildClusters(snapshot, proxy);
  const configs: EnvoyJson[] = [
    bootstrap(proxy, at),
    typed(`${ADMIN}ClustersConfigDump`, {
      version_info: version,
      static_clusters: STATIC_CLUSTER_NAMES.map((name) => ({
        cluster: typed("envoy.config.cluster.v3.Cluster", { name }),
        last_updated: at,
      })),
      dynamic_active_clusters: clusters.dynamic.map((cluster) => ({
        version_info: version,
        cluster,
        last_updated: at,
      })),
    }),
    typed(`${ADMIN}EcdsConfigDump`),
  ];
  if (options.includeEds)
    configs.push(
      typed(`${ADMIN}EndpointsConfigDump`, {
        dynamic_endpoint_configs: clusters.outbound.map((c) => ({
          version_info: version,
          endpoint_config: loadAssignment(snapshot, c),
          last_updated: at,
        })),
      }),
    );
  configs.push(
    typed(`${ADMIN}ListenersConfigDump`, {
      version_info: version,
      dynamic_listeners: buildListeners(snapshot, proxy).map((listener) => ({
        name: listener.name ?? "",
        active_state: { version_info: version, listener, last_updated: at },
      })),
    }),
    typed(`${ADMIN}ScopedRoutesConfigDump`),
    typed(`${ADMIN}RoutesConfigDump`, {
      dynamic_route_configs: buildRouteConfigs(snapshot, proxy).map((route_config) => ({
        version_info: version,
        route_config,
        last_updated: at,
      })),
    }),
    secrets(version, at),
  );
  return { configs };
}
