/**
 * A TLS connection the application opened itself to a host outside the mesh (`curl
 * https://edition.cnn.com`): the sidecar cannot read it, only the SNI of its ClientHello. The
 * sidecar's outbound listener on the port picks a filter chain by `server_names`, built from the
 * ServiceEntries that declare the host with a TLS or HTTPS port of that number, and TCP-proxies
 * the bytes to that entry's cluster (`outbound|443||edition.cnn.com`, named after the entry's
 * host pattern). Without one the connection falls to the listener's catch-all: PassthroughCluster
 * under ALLOW_ANY; under REGISTRY_ONLY BlackHoleCluster, a cluster without endpoints, so the
 * connection is closed at once (curl exits 35). An entry that declares the port as HTTP or TCP
 * does not take part in SNI matching and is not modelled here.
 */
import type { ConfigSnapshot, ServiceEntryEntry } from "./snapshot";
import { findServiceEntry, unregisteredService, type DestinationService } from "./resolve-cluster";

/** ServiceEntry port protocols whose filter chains Istio matches by SNI. */
const SNI_PROTOCOLS: ReadonlySet<string> = new Set(["TLS", "HTTPS"]);

export interface SniRoute {
  service: DestinationService;
  /** %UPSTREAM_CLUSTER%: `outbound|443||<entry host>`, `PassthroughCluster` or `BlackHoleCluster`. */
  cluster: string;
}

function declaresTlsPort(entry: ServiceEntryEntry, port: number): boolean {
  return (entry.spec.ports ?? []).some((p) => p.number === port && SNI_PROTOCOLS.has((p.protocol ?? "").toUpperCase()));
}

export function routeSni(snapshot: ConfigSnapshot, serverName: string, port: number): SniRoute {
  const host = serverName.toLowerCase();
  const found = findServiceEntry(snapshot, host, (entry) => declaresTlsPort(entry, port));
  if (found)
    return {
      service: { kind: "external", host, name: host, namespace: found.entry.namespace, entry: found.entry },
      cluster: `outbound|${port}||${found.pattern}`,
    };
  const service = unregisteredService(snapshot, host);
  return { service, cluster: service.name };
}
