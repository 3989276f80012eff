/**
 * The header strategy: a trusted reverse proxy (oauth2-proxy, an ingress with external auth)
 * has already signed the user in and says who they are in a header — or forwards their
 * Kubernetes bearer token. No session: each request carries its own identity, and only
 * requests from the proxy's addresses are believed.
 */
// No "server-only": proxy.ts imports this, and the proxy is not a React Server Components bundle.
import type { AuthSettings } from "@/server/config";
import { matchAddresses } from "./proxy-addresses";
import type { Viewer } from "./viewer";

export interface HeadersLike {
  get(name: string): string | null;
}

export type HeaderIdentity =
  | { kind: "user"; viewer: Viewer }
  /** The cluster must say who the token is (a SelfSubjectReview) before it becomes a viewer. */
  | { kind: "bearer"; token: string }
  | { kind: "none" };

const matchers = new Map<string, ReturnType<typeof matchAddresses>>();

function fromProxy(settings: AuthSettings["header"], peerAddress: string | undefined): boolean {
  const key = settings.proxyAddresses.join(",");
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = matchAddresses(settings.proxyAddresses);
    matchers.set(key, matcher);
  }
  return matcher(peerAddress);
}

export function bearerToken(headers: HeadersLike): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1];
}

export function readHeaderIdentity(
  settings: AuthSettings["header"],
  headers: HeadersLike,
  peerAddress: string | undefined,
): HeaderIdentity {
  if (!fromProxy(settings, peerAddress)) return { kind: "none" };
  const name = headers.get(settings.userHeader)?.trim();
  if (name) {
    const groups = (headers.get(settings.groupsHeader) ?? "")
      .split(",")
      .map((group) => group.trim())
      .filter(Boolean);
    return { kind: "user", viewer: { name, groups, strategy: "header", credential: { kind: "impersonate" } } };
  }
  const token = bearerToken(headers);
  return token ? { kind: "bearer", token } : { kind: "none" };
}
