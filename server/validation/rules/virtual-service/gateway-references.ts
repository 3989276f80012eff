/** The Gateways a VirtualService names, at the top level and in HTTP/TLS/TCP matches. */
import "server-only";
import type { VirtualService } from "@/lib/istio/types";

export const MESH_GATEWAY = "mesh";

export interface GatewayReference {
  name: string;
  path: string;
}

export function gatewayReferences(vs: VirtualService): GatewayReference[] {
  const refs: GatewayReference[] = [];
  const push = (names: unknown, path: string) => {
    if (!Array.isArray(names)) return;
    names.forEach((name, k) => typeof name === "string" && refs.push({ name, path: `${path}[${k}]` }));
  };
  push(vs.spec?.gateways, "spec/gateways");
  for (const protocol of ["http", "tls", "tcp"] as const) {
    const rules = vs.spec?.[protocol];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      const matches = rule?.match;
      if (!Array.isArray(matches)) return;
      matches.forEach((m, j) => push(m?.gateways, `spec/${protocol}[${i}]/match[${j}]/gateways`));
    });
  }
  return refs;
}

/**
 * `ns/name`, a bare `name` (the VirtualService's namespace) or the legacy FQDN form
 * `name.ns.svc.cluster.local`; undefined for `mesh`, which is no object.
 */
export function resolveGatewayName(ref: string, namespace: string): { namespace: string; name: string } | undefined {
  if (ref === MESH_GATEWAY) return undefined;
  const slash = ref.indexOf("/");
  if (slash >= 0) return { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) };
  const [name = ref, ns] = ref.split(".");
  return ns ? { namespace: ns, name } : { namespace, name: ref };
}

/** The gateways a VirtualService is bound to as a whole: its `gateways`, or `mesh` when none. */
export function boundGateways(vs: VirtualService, namespace: string): string[] {
  const names = Array.isArray(vs.spec?.gateways)
    ? vs.spec.gateways.filter((g): g is string => typeof g === "string")
    : [];
  if (names.length === 0) return [MESH_GATEWAY];
  return names.map((g) => {
    const ref = resolveGatewayName(g, namespace);
    return ref ? `${ref.namespace}/${ref.name}` : MESH_GATEWAY;
  });
}
