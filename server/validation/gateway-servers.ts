/**
 * What a Gateway serves, as its servers list it, for the checks that compare Gateways on the
 * same ingress (KIA0301, IST0145): each port and host, and the selector as a canonical key.
 */
import "server-only";
import type { Gateway } from "@/lib/istio/types";
import { asLabels } from "./labels";

export interface ServedHost {
  /** Index of the server in `spec.servers`. */
  server: number;
  port: number;
  host: string;
  path: string;
}

export function servedHosts(gateway: Gateway): ServedHost[] {
  const servers = Array.isArray(gateway.spec?.servers) ? gateway.spec.servers : [];
  return servers.flatMap((server, i) => {
    const port = server?.port?.number;
    if (typeof port !== "number" || !Array.isArray(server?.hosts)) return [];
    return server.hosts.flatMap((entry, j) => {
      if (typeof entry !== "string") return [];
      // The `ns/` part limits which VirtualServices bind, not which requests arrive.
      const host = entry.slice(entry.indexOf("/") + 1).toLowerCase();
      return [{ server: i, port, host, path: `spec/servers[${i}]/hosts[${j}]` }];
    });
  });
}

/** The selector as Kubernetes prints it (`app=x,istio=ingressgateway`, keys sorted): equal keys, equal selectors. */
export function selectorKey(gateway: Gateway): string {
  const labels = asLabels(gateway.spec?.selector) ?? {};
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}
