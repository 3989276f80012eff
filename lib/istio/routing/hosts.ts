/**
 * Host names as Istio and Kubernetes DNS read them. Istio expands a short name in config
 * (`reviews` in a VirtualService of namespace bookinfo) to the service's FQDN relative to
 * the config's namespace; an application's DNS lookup expands `reviews` relative to the
 * caller's namespace and `reviews.bookinfo` through the search path.
 */
export const CLUSTER_DOMAIN = "svc.cluster.local";

export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.${CLUSTER_DOMAIN}`;
}

/** Istio's expansion of a host written in config: only a name without dots is short. */
export function qualifyConfigHost(host: string, namespace: string): string {
  if (host === "*" || host.includes(".")) return host.toLowerCase();
  return serviceFqdn(host.toLowerCase(), namespace);
}

/** What a pod's resolver makes of a name: `svc`, `svc.ns`, `svc.ns.svc`, or an FQDN. */
export function resolveDnsName(name: string, callerNamespace: string): string {
  const lower = name.toLowerCase().replace(/\.$/, "");
  const parts = lower.split(".");
  if (parts.length === 1) return serviceFqdn(lower, callerNamespace);
  if (parts.length === 2) return `${lower}.${CLUSTER_DOMAIN}`;
  if (parts.length === 3 && parts[2] === "svc") return `${lower}.cluster.local`;
  return lower;
}

/** Whether a config host (possibly `*` or `*.suffix`) covers a concrete host name. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1));
  if (pattern.startsWith("*")) return host.endsWith(pattern.slice(1));
  return pattern === host;
}

/** How specific a matching host pattern is: exact beats the longest wildcard suffix. */
export function hostSpecificity(pattern: string): number {
  if (!pattern.startsWith("*")) return Number.MAX_SAFE_INTEGER;
  return pattern.length;
}

/** The `name` and `namespace` of a cluster-local FQDN, if it is one. */
export function splitServiceFqdn(fqdn: string): { name: string; namespace: string } | undefined {
  const suffix = `.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return undefined;
  const parts = fqdn.slice(0, -suffix.length).split(".");
  if (parts.length !== 2) return undefined;
  return { name: parts[0] as string, namespace: parts[1] as string };
}

/** `bookinfo-gateway` in a VS of namespace bookinfo → `bookinfo/bookinfo-gateway`; `mesh` stays. */
export function qualifyGatewayName(name: string, namespace: string): string {
  if (name === "mesh") return name;
  return name.includes("/") ? name : `${namespace}/${name}`;
}
