/**
 * istioctl's IST0132: a VirtualService host that none of the servers of a Gateway it is
 * bound to accepts. The gateway never routes that host through this VirtualService.
 * Server hosts may carry a namespace part (`ns/host`, `./host`, `*\/host`) saying which
 * namespaces' VirtualServices may bind to them.
 */
import "server-only";
import type { Gateway, VirtualService } from "@/lib/istio/types";
import { buildCheck } from "../../codes";
import { hostsIntersect, qualifyHost } from "../../hosts";
import { namespaceOf, type Rule } from "../../types";
import { resolveGatewayName } from "./gateway-references";

function acceptedHosts(gateway: Gateway, vsNamespace: string): string[] {
  const gatewayNamespace = gateway.metadata.namespace ?? "";
  const servers = Array.isArray(gateway.spec?.servers) ? gateway.spec.servers : [];
  return servers.flatMap((server) =>
    (Array.isArray(server?.hosts) ? server.hosts : []).flatMap((entry) => {
      if (typeof entry !== "string") return [];
      const slash = entry.indexOf("/");
      const ns = slash >= 0 ? entry.slice(0, slash) : "*";
      const host = (slash >= 0 ? entry.slice(slash + 1) : entry).toLowerCase();
      const admits = ns === "*" || ns === vsNamespace || (ns === "." && gatewayNamespace === vsNamespace);
      return admits ? [host] : [];
    }),
  );
}

export const checkHostsInGateways: Rule<VirtualService> = (vs, context) => {
  const namespace = namespaceOf(vs);
  const gatewayNames = Array.isArray(vs.spec?.gateways) ? vs.spec.gateways : [];
  const hosts = Array.isArray(vs.spec?.hosts) ? vs.spec.hosts : [];
  return gatewayNames.flatMap((name) => {
    const ref = typeof name === "string" ? resolveGatewayName(name, namespace) : undefined;
    const gateway =
      ref &&
      context.gateways.find((g) => g.metadata.name === ref.name && (g.metadata.namespace ?? "") === ref.namespace);
    // A missing gateway is KIA1102's finding, not this one.
    if (!ref || !gateway) return [];
    const accepted = acceptedHosts(gateway, namespace);
    return hosts.flatMap((host, i) => {
      if (typeof host !== "string") return [];
      // A gateway matches the Host header as written; a short VS host still means its FQDN.
      const candidates = [host.toLowerCase(), qualifyHost(host, namespace, context.mesh.domain)];
      if (accepted.some((a) => candidates.some((c) => hostsIntersect(a, c)))) return [];
      return [
        buildCheck("IST0132", `spec/hosts[${i}]`, {
          message: `one or more host [${host}] defined in VirtualService ${namespace}/${vs.metadata.name ?? ""} not found in Gateway ${ref.namespace}/${ref.name}.`,
        }),
      ];
    });
  });
};
