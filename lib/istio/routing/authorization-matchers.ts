/**
 * The value matchers an AuthorizationPolicy's fields compile to in Envoy's RBAC filter, as
 * istiod generates them: strings with a `*` wildcard at either end, SPIFFE principals (the
 * policy writes them without `spiffe://`), namespaces read out of the caller's principal,
 * and IPv4 CIDR blocks. Pure; authorize-request.ts combines them into rules.
 */

const SPIFFE = "spiffe://";

/** `*` any value; `*suffix`; `prefix*`; else exact. A missing value never matches, not even `*`. */
export function wildcardMatches(pattern: string, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) return false;
  if (pattern === "*") return true;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (p.startsWith("*")) return v.endsWith(p.slice(1));
  if (p.endsWith("*")) return v.startsWith(p.slice(0, -1));
  return v === p;
}

/**
 * `principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"]` against the caller's
 * `spiffe://…` identity. A caller without one (plaintext) matches no principal, not even `*`.
 */
export function principalMatches(pattern: string, principal: string | undefined): boolean {
  const bare = principal?.startsWith(SPIFFE) ? principal.slice(SPIFFE.length) : principal;
  return wildcardMatches(pattern, bare);
}

/** The namespace segment of a SPIFFE identity (`…/ns/<namespace>/sa/…`), which is all a `namespaces` rule sees. */
export function namespaceOfPrincipal(principal: string | undefined): string | undefined {
  return principal === undefined ? undefined : /\/ns\/([^/]+)\//.exec(principal)?.[1];
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

/**
 * `ipBlocks: ["10.244.0.0/16", "10.244.1.7"]`: a bare address is a /32. IPv4 only — the
 * simulated cluster hands out IPv4 pod addresses, so an IPv6 block matches nothing here.
 */
export function ipBlockMatches(block: string, ip: string | undefined): boolean {
  if (ip === undefined) return false;
  const [base = "", bitsText] = block.split("/");
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const address = ipv4ToNumber(ip);
  const network = ipv4ToNumber(base);
  if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}

/** The ip of `ip:port` (Envoy's downstream address); undefined when there is none. */
export function ipOfAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const colon = address.lastIndexOf(":");
  return colon > 0 ? address.slice(0, colon) : address;
}
