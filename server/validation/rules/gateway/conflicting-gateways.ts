/**
 * istioctl's IST0145 (ConflictingGateways): another Gateway reaches the same gateway proxy
 * — the same selector, or selectors picking a common workload — and has a server on the same
 * port with a host that overlaps one of this server's. Envoy gets two filter chains for one
 * host and port: istiod keeps one and the other Gateway's routes silently do not apply.
 * The message is istioctl's (one per server, naming this server's port and hosts), followed
 * by what to change.
 */
import "server-only";
import type { Gateway } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import type { ValidationContext } from "../../context";
import { selectorKey, servedHosts } from "../../gateway-servers";
import { hostsIntersect } from "../../hosts";
import { asLabels, workloadsSelected } from "../../labels";
import { isSameObject, namespaceOf, type Rule } from "../../types";

function selectedWorkloads(gateway: Gateway, context: ValidationContext): Set<object> {
  const selector = asLabels(gateway.spec?.selector);
  if (!selector || Object.keys(selector).length === 0) return new Set();
  return new Set(workloadsSelected(selector, "*", context));
}

function sameProxy(a: Gateway, b: Gateway, context: ValidationContext): boolean {
  if (selectorKey(a) === selectorKey(b)) return true;
  const mine = selectedWorkloads(a, context);
  return [...selectedWorkloads(b, context)].some((w) => mine.has(w));
}

export const checkConflictingGateways: Rule<Gateway> = (gateway, context) => {
  const others = context.gateways.filter((o) => !isSameObject(o, gateway) && sameProxy(gateway, o, context));
  if (others.length === 0) return [];
  const mine = servedHosts(gateway);
  const servers = [...new Set(mine.map((h) => h.server))];
  return servers.flatMap((server) => {
    const hosts = mine.filter((h) => h.server === server);
    const port = hosts[0]?.port;
    const conflicting = others
      .filter((o) => servedHosts(o).some((t) => t.port === port && hosts.some((h) => hostsIntersect(h.host, t.host))))
      .map((o) => `${namespaceOf(o)}/${o.metadata.name ?? ""}`)
      .sort();
    if (conflicting.length === 0) return [];
    const message =
      `Conflict with gateways ${conflicting.join(",")} (workload selector ${selectorKey(gateway)}, port ${port}, ` +
      `hosts ${hosts.map((h) => h.host).join(",")}). ` +
      "Serve each host and port from one Gateway only: remove the host here or merge the servers into one Gateway.";
    return [buildCheck("IST0145", `spec/servers[${server}]`, { message })];
  });
};
