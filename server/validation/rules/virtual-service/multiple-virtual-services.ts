/**
 * KIA1106: another VirtualService claims the same host on the same gateway (or both on the
 * sidecars, `mesh`). Sidecars use only one of them and gateways merge them in no
 * guaranteed order, so some of the rules silently do nothing.
 */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { qualifyHost } from "../../hosts";
import { isSameObject, namespaceOf, type Rule } from "../../types";
import { boundGateways } from "./gateway-references";

function hostsOf(vs: VirtualService, domain: string): string[] {
  const namespace = namespaceOf(vs);
  const hosts = Array.isArray(vs.spec?.hosts) ? vs.spec.hosts : [];
  return hosts.map((h) => (typeof h === "string" ? qualifyHost(h, namespace, domain) : ""));
}

export const checkSingleVirtualServicePerHost: Rule<VirtualService> = (vs, context) => {
  const domain = context.mesh.domain;
  const gateways = new Set(boundGateways(vs, namespaceOf(vs)));
  const others = context.virtualServices
    .filter((other) => !isSameObject(other, vs))
    .filter((other) => boundGateways(other, namespaceOf(other)).some((g) => gateways.has(g)))
    .map((other) => ({
      id: `${namespaceOf(other)}/${other.metadata.name ?? ""}`,
      hosts: new Set(hostsOf(other, domain)),
    }));
  return hostsOf(vs, domain).flatMap((host, i) => {
    if (host === "") return [];
    const clashing = others.filter((o) => o.hosts.has(host)).map((o) => o.id);
    return clashing.length === 0
      ? []
      : [buildCheck("KIA1106", `spec/hosts[${i}]`, { detail: `${host} is also in ${clashing.join(", ")}` })];
  });
};
