/**
 * A ServiceEntry as the Egress page lists it, with Istio's defaults spelled out where the
 * object is silent (resolution NONE, location MESH_EXTERNAL, exportTo every namespace) so a
 * reader never has to know them.
 */
import "server-only";
import type { ServiceEntryRow } from "@/lib/contracts/egress";
import type { ServiceEntry } from "@/lib/istio/types";

/** Port protocols whose traffic is TLS from the app: sidecars route it by SNI (lib/istio/routing/route-sni.ts). */
const SNI_PROTOCOLS: ReadonlySet<string> = new Set(["TLS", "HTTPS"]);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

export function toServiceEntryRow(entry: ServiceEntry): ServiceEntryRow {
  const spec = entry.spec ?? {};
  const ports = (spec.ports ?? []).map((p) => ({
    number: p.number ?? 0,
    protocol: (p.protocol ?? "").toUpperCase(),
    name: p.name ?? "",
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
  }));
  const exportTo = strings(spec.exportTo);
  return {
    namespace: entry.metadata.namespace ?? "default",
    name: entry.metadata.name ?? "",
    hosts: strings(spec.hosts),
    addresses: strings(spec.addresses),
    ports,
    resolution: spec.resolution ?? "NONE",
    location: spec.location ?? "MESH_EXTERNAL",
    exportTo: exportTo.length > 0 ? exportTo : ["*"],
    endpoints: (spec.endpoints ?? []).map((e) => ({ address: e.address ?? "", ports: e.ports ?? {} })),
    routesBySni: ports.some((p) => SNI_PROTOCOLS.has(p.protocol)),
  };
}
