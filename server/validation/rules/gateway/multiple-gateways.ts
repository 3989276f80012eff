/**
 * KIA0301: another Gateway on the same ingress (identical selector) serves the same port for
 * an overlapping host. The ingress proxy picks one of them with no guaranteed order, so
 * half of the routing may silently belong to the other Gateway.
 */
import "server-only";
import type { Gateway } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { selectorKey, servedHosts } from "../../gateway-servers";
import { hostsIntersect } from "../../hosts";
import { isSameObject, namespaceOf, type Rule } from "../../types";

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
