/**
 * Which VirtualServices a Gateway's server host routes through, as istiod binds them: the
 * VirtualService names the Gateway (in `gateways`, at the top or in a match), the host's
 * namespace part (`ns/host`, `./host`, `*\/host`, none = any) admits the VirtualService's
 * namespace, and one of its hosts intersects the server host (wildcards on either side; a
 * short VirtualService host also as its FQDN).
 */
import "server-only";
import type { BoundVirtualService } from "@/lib/contracts/gateways";
import type { Gateway, VirtualService } from "@/lib/istio/types";
import { gatewayReferences, hostsIntersect, qualifyHost, resolveGatewayName } from "@/server/validation";

function referencesGateway(vs: VirtualService, gateway: Gateway): boolean {
  const namespace = vs.metadata.namespace ?? "default";
  return gatewayReferences(vs).some(({ name }) => {
    const ref = resolveGatewayName(name, namespace);
    return (
      ref !== undefined &&
      ref.name === gateway.metadata.name &&
      ref.namespace === (gateway.metadata.namespace ?? "default")
    );
  });
}

function admits(hostEntry: string, gatewayNamespace: string, vsNamespace: string): boolean {
  const slash = hostEntry.indexOf("/");
  const ns = slash >= 0 ? hostEntry.slice(0, slash) : "*";
  return ns === "*" || ns === vsNamespace || (ns === "." && gatewayNamespace === vsNamespace);
}

/** The VirtualServices bound to one server host entry of the Gateway. */
export function virtualServicesForHost(
  gateway: Gateway,
  hostEntry: string,
  virtualServices: readonly VirtualService[],
  domain: string,
): BoundVirtualService[] {
  const gatewayNamespace = gateway.metadata.namespace ?? "default";
  const host = hostEntry.slice(hostEntry.indexOf("/") + 1).toLowerCase();
  return virtualServices.flatMap((vs) => {
    const namespace = vs.metadata.namespace ?? "default";
    if (!admits(hostEntry, gatewayNamespace, namespace) || !referencesGateway(vs, gateway)) return [];
    const hosts = (Array.isArray(vs.spec?.hosts) ? vs.spec.hosts : []).filter(
      (h): h is string =>
        typeof h === "string" &&
        [h.toLowerCase(), qualifyHost(h, namespace, domain)].some((candidate) => hostsIntersect(host, candidate)),
    );
    return hosts.length > 0 ? [{ namespace, name: vs.metadata.name ?? "", hosts }] : [];
  });
}
