/**
 * What a proxy can call, one row per host and port: every Kubernetes service port and every
 * concrete ServiceEntry host and port in the snapshot (no Sidecar resource narrows it, so
 * every proxy sees the whole mesh, as istiod's default). Clusters, listeners and route
 * configurations are all built from these rows, so they name the same things.
 */
import { protocolOfPort } from "@/lib/istio/routing/build-snapshot";
import { splitServiceFqdn } from "@/lib/istio/routing/hosts";
import type { ConfigSnapshot, Protocol } from "@/lib/istio/routing/snapshot";

export interface OutboundPort {
  host: string;
  port: number;
  /** Where endpoints listen (a Service's targetPort; a ServiceEntry's port or targetPort). */
  targetPort: number;
  protocol: Protocol;
  /** The Service's or ServiceEntry's namespace. */
  namespace: string;
  /** The Service name, or the host for a ServiceEntry. */
  name: string;
  /** A Service's ClusterIP ("" for ServiceEntries and headless services). */
  clusterIp: string;
  kind: "kubernetes" | "external";
}

export function outboundPortsOf(snapshot: ConfigSnapshot): OutboundPort[] {
  const rows: OutboundPort[] = [];
  for (const service of snapshot.services.values()) {
    const clusterIp = service.clusterIp === "None" ? "" : service.clusterIp;
    for (const p of service.ports)
      rows.push({
        host: service.fqdn,
        port: p.port,
        targetPort: p.targetPort,
        protocol: p.protocol,
        namespace: service.namespace,
        name: service.name,
        clusterIp,
        kind: "kubernetes",
      });
  }
  for (const entry of snapshot.serviceEntries) {
    for (const host of entry.hosts) {
      if (host.startsWith("*") || snapshot.services.has(host)) continue;
      for (const p of entry.spec.ports ?? []) {
        if (p.number === undefined) continue;
        rows.push({
          host,
          port: p.number,
          targetPort: p.targetPort ?? p.number,
          protocol: protocolOfPort(p.name, p.protocol),
          namespace: entry.namespace,
          name: host,
          clusterIp: "",
          kind: "external",
        });
      }
    }
  }
  return rows.sort((a, b) => (a.host === b.host ? a.port - b.port : a.host < b.host ? -1 : 1));
}

/**
 * A virtual host's domains as istiod writes them since ports left the list: the FQDN with
 * and without a trailing dot, the short names a pod in the same namespace can resolve
 * (`reviews`, `reviews.bookinfo`, `reviews.bookinfo.svc`; other namespaces lose the bare
 * name), and the ClusterIP.
 */
export function domainsOf(row: OutboundPort, proxyNamespace: string): string[] {
  const domains = [row.host, `${row.host}.`];
  const parts = splitServiceFqdn(row.host);
  if (parts) {
    if (parts.namespace === proxyNamespace) domains.push(parts.name);
    domains.push(`${parts.name}.${parts.namespace}`, `${parts.name}.${parts.namespace}.svc`);
  }
  if (row.clusterIp) domains.push(row.clusterIp);
  return domains;
}
