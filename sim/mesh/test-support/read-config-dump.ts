/**
 * Test support only: reading a simulated proxy's /config_dump in tests, with zod schemas
 * for just the parts they assert on (checked rather than cast), and the proxies of the
 * default scenario's snapshot.
 */
import { z } from "zod";
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";
import { configDumpFor } from "../envoy/config-dump";

export const Route = z
  .object({
    name: z.string().optional(),
    match: z.record(z.string(), z.unknown()),
    route: z
      .object({
        cluster: z.string().optional(),
        weighted_clusters: z
          .object({ clusters: z.array(z.object({ name: z.string(), weight: z.number() })) })
          .optional(),
        timeout: z.string(),
        retry_policy: z.object({ retry_on: z.string(), num_retries: z.number() }).optional(),
        request_mirror_policies: z.array(z.object({ cluster: z.string() })).optional(),
      })
      .optional(),
    direct_response: z.object({ status: z.number() }).optional(),
    metadata: z.object({ filter_metadata: z.object({ istio: z.object({ config: z.string() }) }) }).optional(),
    decorator: z.object({ operation: z.string() }).optional(),
    typed_per_filter_config: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .passthrough();
export const VirtualHost = z.object({ name: z.string(), domains: z.array(z.string()), routes: z.array(Route) });
export const Dump = z.object({
  configs: z.array(z.object({ "@type": z.string() }).passthrough()),
});
export const RoutesDump = z.object({
  dynamic_route_configs: z.array(
    z.object({
      version_info: z.string(),
      route_config: z.object({ name: z.string(), virtual_hosts: z.array(VirtualHost) }),
    }),
  ),
});
export const ClustersDump = z.object({
  dynamic_active_clusters: z.array(
    z.object({ version_info: z.string(), cluster: z.object({ name: z.string() }).passthrough() }),
  ),
});
export const EndpointsDump = z.object({
  dynamic_endpoint_configs: z.array(
    z.object({
      endpoint_config: z.object({
        cluster_name: z.string(),
        endpoints: z.array(
          z.object({
            lb_endpoints: z.array(
              z.object({
                endpoint: z.object({
                  address: z.object({ socket_address: z.object({ address: z.string(), port_value: z.number() }) }),
                }),
                health_status: z.string(),
                metadata: z.object({ filter_metadata: z.record(z.string(), z.record(z.string(), z.unknown())) }),
              }),
            ),
          }),
        ),
      }),
    }),
  ),
});

export const ListenersDump = z.object({
  dynamic_listeners: z.array(
    z.object({
      name: z.string(),
      active_state: z.object({
        listener: z.object({
          filter_chains: z.array(
            z.object({
              filters: z.array(z.object({ name: z.string(), typed_config: z.record(z.string(), z.unknown()) })),
            }),
          ),
        }),
      }),
    }),
  ),
});

export const PUSHED_AT = new Date("2026-08-24T10:15:00.000Z");

export function podOf(snapshot: ConfigSnapshot, prefix: string): PodInfo {
  const pod = snapshot.pods.find((p) => p.name.startsWith(prefix));
  if (!pod) throw new Error(`no pod ${prefix}`);
  return pod;
}

export function section(dump: unknown, type: string): unknown {
  const found = Dump.parse(dump).configs.find((c) => c["@type"] === `type.googleapis.com/envoy.admin.v3.${type}`);
  if (!found) throw new Error(`no ${type}`);
  return found;
}

export function virtualHost(snapshot: ConfigSnapshot, proxy: PodInfo, routeConfig: string, name: string) {
  const routes = RoutesDump.parse(section(configDumpFor(snapshot, proxy, { pushedAt: PUSHED_AT }), "RoutesConfigDump"));
  const config = routes.dynamic_route_configs.find((r) => r.route_config.name === routeConfig);
  const host = config?.route_config.virtual_hosts.find((v) => v.name === name);
  if (!host) throw new Error(`no virtual host ${name} in ${routeConfig}`);
  return host;
}
