/**
 * KIA0301: another Gateway on the same ingress (identical selector) serves the same port for
 * an overlapping host. The ingress proxy picks one of them with no guaranteed order, so
 * half of the routing may silently belong to the other Gateway.
 */
import "server-only";
import type { Gateway } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { hostsIntersect } from "../../hosts";
import { asLabels } from "../../labels";
import { isSameObject, namespaceOf, type Rule } from "../../types";

interface ServedHost {
  port: number;
  host: string;
  path: string;
}

function servedHosts(gateway: Gateway): ServedHost[] {
  const servers = Array.isArray(gateway.spec?.servers) ? gateway.spec.servers : [];
  return servers.flatMap((server, i) => {
    const port = server?.port?.number;
    if (typeof port !== "number" || !Array.isArray(server?.hosts)) return [];
    return server.hosts.flatMap((entry, j) => {
      if (typeof entry !== "string") return [];
      // The `ns/` part limits which VirtualServices bind, not which requests arrive.
      const host = entry.slice(entry.indexOf("/") + 1).toLowerCase();
      return [{ port, host, path: `spec/servers[${i}]/hosts[${j}]` }];
    });
  });
}

function selectorKey(gateway: Gateway): string {
  const labels = asLabels(gateway.spec?.selector) ?? {};
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

export const checkGatewayHostsUnique: Rule<Gateway> = (gateway, context) => {
  const key = selectorKey(gateway);
  const others = context.gateways
    .filter((other) => !isSameObject(other, gateway) && selectorKey(other) === key)
    .map((other) => ({ id: `${namespaceOf(other)}/${other.metadata.name ?? ""}`, hosts: servedHosts(other) }));
  if (others.length === 0) return [];
  return servedHosts(gateway).flatMap(({ port, host, path }) => {
    const clashing = others
      .filter((o) => o.hosts.some((h) => h.port === port && hostsIntersect(h.host, host)))
      .map((o) => o.id);
    return clashing.length === 0
      ? []
      : [buildCheck("KIA0301", path, { detail: `${host}:${port} is also served by ${clashing.join(", ")}` })];
  });
};
