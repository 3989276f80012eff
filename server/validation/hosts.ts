/**
 * Host names as Istio reads them. A short name (no dot) is qualified with the namespace of
 * the object that wrote it: `reviews` in a bookinfo VirtualService is
 * `reviews.bookinfo.svc.cluster.local`. A name with a dot is taken as written — Istio does
 * not expand `reviews.bookinfo` either, so such a destination finds no service in istiod.
 * `*` and `*.suffix` are wildcards: `*.foo.com` covers `a.foo.com`, not `foo.com`.
 */
import "server-only";
import type { DestinationRule, ServiceEntry } from "@/lib/istio/types";
import type { ServiceSummary } from "@/server/adapters/kube/list-services";
import type { ValidationContext } from "./context";

export function isWildcard(host: string): boolean {
  return host.startsWith("*");
}

export function qualifyHost(host: string, namespace: string, domain: string): string {
  const lower = host.toLowerCase();
  if (lower === "*" || lower.includes(".")) return lower;
  return `${lower}.${namespace}.svc.${domain}`;
}

/**
 * A host in words for messages: `reviews.bookinfo.svc.cluster.local` → `reviews (bookinfo)`,
 * any other host as it is. Users know services by name and namespace, not by FQDN.
 */
export function describeHost(fqdn: string, domain: string): string {
  const suffix = `.svc.${domain}`;
  if (!fqdn.endsWith(suffix)) return fqdn;
  const parts = fqdn.slice(0, -suffix.length).split(".");
  return parts.length === 2 ? `${parts[0]} (${parts[1]})` : fqdn;
}

/** Does `pattern` (possibly a wildcard) cover the host `host` (possibly a wildcard too)? */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host || pattern === "*") return true;
  if (!isWildcard(pattern)) return false;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && (!isWildcard(host) || host.length >= pattern.length);
}

/** Could one request match both hosts? (Istio's host.Name.Matches.) */
export function hostsIntersect(a: string, b: string): boolean {
  return hostCovers(a, b) || hostCovers(b, a);
}

/** Is the object visible from `namespace`, per its exportTo (absent = everywhere)? */
export function isExportedTo(
  exportTo: readonly string[] | undefined,
  ownNamespace: string,
  namespace: string,
): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((e) => e === "*" || e === namespace || (e === "." && ownNamespace === namespace));
}

export type RegistryEntry =
  { kind: "Service"; service: ServiceSummary } | { kind: "ServiceEntry"; serviceEntry: ServiceEntry };

/** The registry entry a concrete FQDN resolves to for a client in `fromNamespace`, if any. */
export function findRegistryEntry(
  fqdn: string,
  fromNamespace: string,
  context: ValidationContext,
): RegistryEntry | undefined {
  const service = context.servicesByHost.get(fqdn);
  if (service) return { kind: "Service", service };
  const serviceEntry = context.serviceEntries.find(
    (se) =>
      isExportedTo(se.spec?.exportTo, se.metadata.namespace ?? "", fromNamespace) &&
      (se.spec?.hosts ?? []).some((h) => typeof h === "string" && hostCovers(h.toLowerCase(), fqdn)),
  );
  return serviceEntry ? { kind: "ServiceEntry", serviceEntry } : undefined;
}

/**
 * Is the host known to the registry? Wildcard hosts always count as known (as in Kiali): a
 * DestinationRule for `*.bookinfo.svc.cluster.local` is a policy, not a reference.
 */
export function isKnownHost(fqdn: string, fromNamespace: string, context: ValidationContext): boolean {
  return isWildcard(fqdn) || findRegistryEntry(fqdn, fromNamespace, context) !== undefined;
}

/**
 * The DestinationRules that apply to `fqdn` for a client in `fromNamespace`. Istio takes the
 * most specific host match: rules naming the host exactly win over wildcard rules, and rules
 * for the same host are merged — so the subsets on offer are those of the winning group.
 */
export function destinationRulesFor(
  fqdn: string,
  fromNamespace: string,
  context: ValidationContext,
): DestinationRule[] {
  const visible = context.destinationRules.filter((dr) => {
    const ns = dr.metadata.namespace ?? "";
    return typeof dr.spec?.host === "string" && isExportedTo(dr.spec.exportTo, ns, fromNamespace);
  });
  const qualified = visible.map((dr) => ({
    dr,
    host: qualifyHost(dr.spec?.host ?? "", dr.metadata.namespace ?? "", context.mesh.domain),
  }));
  const exact = qualified.filter((q) => q.host === fqdn);
  if (exact.length > 0) return exact.map((q) => q.dr);
  const wildcard = qualified.filter((q) => isWildcard(q.host) && hostCovers(q.host, fqdn));
  const longest = Math.max(0, ...wildcard.map((q) => q.host.length));
  return wildcard.filter((q) => q.host.length === longest).map((q) => q.dr);
}
