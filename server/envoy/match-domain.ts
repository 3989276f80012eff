/**
 * Envoy's choice of virtual host for a Host header (config.route.v3.VirtualHost `domains`): an exact domain wins,
 * then suffix wildcards (`*.bookinfo.svc.cluster.local`, `*-bar.foo.com`) longest first, then prefix wildcards
 * (`reviews.*`) longest first, then the catch-all `*`. Matching ignores case, and a wildcard stands for at least
 * one character. Istio's sidecar connection managers strip any port from the Host before matching (domains carry
 * none since Istio 1.15), so a domain without a port is compared with the host name alone; a domain with one, with
 * the whole `host:port`.
 */
import "server-only";

export type DomainMatchKind = "exact" | "suffix" | "prefix" | "any";

export interface DomainMatch {
  kind: DomainMatchKind;
  domain: string;
}

const rankOf: Record<DomainMatchKind, number> = { exact: 3, suffix: 2, prefix: 1, any: 0 };

/** `reviews:9080` → `reviews`; `[::1]:80` → `[::1]`; a name without a port as it is. */
export function hostWithoutPort(host: string): string {
  const at = host.lastIndexOf(":");
  if (at < 0 || host.endsWith("]")) return host;
  return /^\d+$/.test(host.slice(at + 1)) ? host.slice(0, at) : host;
}

export function portOfHost(host: string): number | undefined {
  const stripped = hostWithoutPort(host);
  return stripped === host ? undefined : Number(host.slice(stripped.length + 1));
}

export function matchDomain(domain: string, host: string): DomainMatch | undefined {
  const d = domain.toLowerCase();
  const h = (d.includes(":") && !d.startsWith("[") ? host : hostWithoutPort(host)).toLowerCase();
  if (d === "*") return { kind: "any", domain };
  if (d === h) return { kind: "exact", domain };
  if (d.startsWith("*")) {
    const suffix = d.slice(1);
    return h.length > suffix.length && h.endsWith(suffix) ? { kind: "suffix", domain } : undefined;
  }
  if (d.endsWith("*")) {
    const prefix = d.slice(0, -1);
    return h.length > prefix.length && h.startsWith(prefix) ? { kind: "prefix", domain } : undefined;
  }
  return undefined;
}

/** True when `a` is the better match: a stronger kind, or a longer wildcard of the same kind. */
export function isBetterMatch(a: DomainMatch, b: DomainMatch | undefined): boolean {
  if (!b) return true;
  if (rankOf[a.kind] !== rankOf[b.kind]) return rankOf[a.kind] > rankOf[b.kind];
  return a.domain.length > b.domain.length;
}
