/**
 * Listeners of a config dump: the address and port each binds (Istio's outbound `0.0.0.0_9080`, the
 * `virtualOutbound`/`virtualInbound` catch-alls on 15001/15006), how many filter chains it has, and which route
 * configurations its HTTP connection managers fetch — the link from a port to the routes a request there meets.
 */
import "server-only";
import type { EnvoyListener } from "@/lib/contracts/envoy";
import type { ConfigDump, EnvoyAddress, EnvoyListenerConfig } from "@/lib/envoy/config-dump";

export function addressText(address: EnvoyAddress | undefined): { address: string; port?: number } {
  if (address?.socket_address) {
    const { address: host = "", port_value: port } = address.socket_address;
    return { address: host, ...(port === undefined ? {} : { port }) };
  }
  return { address: address?.pipe?.path ?? "" };
}

function routeConfigNames(listener: EnvoyListenerConfig): string[] {
  const chains = [
    ...(listener.filter_chains ?? []),
    ...(listener.default_filter_chain ? [listener.default_filter_chain] : []),
  ];
  const names = chains.flatMap((chain) =>
    (chain.filters ?? []).flatMap((f) => {
      const name = f.typed_config?.rds?.route_config_name ?? f.typed_config?.route_config?.name;
      return name ? [name] : [];
    }),
  );
  return [...new Set(names)];
}

function toListener(name: string, listener: EnvoyListenerConfig, state: EnvoyListener["state"]): EnvoyListener {
  return {
    name: listener.name ?? name,
    ...addressText(listener.address),
    filterChains: (listener.filter_chains?.length ?? 0) + (listener.default_filter_chain ? 1 : 0),
    routeConfigs: routeConfigNames(listener),
    state,
  };
}

export function summarizeListeners(dump: ConfigDump): EnvoyListener[] {
  const section = dump.ListenersConfigDump;
  if (!section) return [];
  const dynamic = section.dynamic_listeners.map((l): EnvoyListener => {
    if (l.active_state) return toListener(l.name, l.active_state.listener, "active");
    if (l.warming_state) return toListener(l.name, l.warming_state.listener, "warming");
    if (l.draining_state) return toListener(l.name, l.draining_state.listener, "draining");
    return { name: l.name, address: "", filterChains: 0, routeConfigs: [], state: "error" };
  });
  const statics = section.static_listeners.map((l) => toListener(l.listener.name ?? "", l.listener, "active"));
  return [...dynamic, ...statics];
}
