/**
 * Which Gateway server terminates a TLS connection at the ingress gateway, chosen by SNI as
 * Envoy's filter chain match does: each SIMPLE or MUTUAL server on the HTTPS port is a filter
 * chain whose `server_names` are its hosts (`*` matches any name); the most specific match
 * wins (exact before the longest wildcard); no match, or no SNI and no `*` server: the
 * connection is closed.
 */
import type { GatewayServer } from "@/lib/istio/types";
import { serverHosts, serversOn } from "@/lib/istio/routing/gateway-servers";
import { hostMatches, hostSpecificity } from "@/lib/istio/routing/hosts";
import type { ConfigSnapshot, PodInfo } from "@/lib/istio/routing/snapshot";

export interface TlsServer {
  gateway: string;
  server: GatewayServer;
  credentialName: string;
  mutual: boolean;
}

export function selectTlsServer(
  snapshot: ConfigSnapshot,
  pod: PodInfo,
  containerPort: number,
  serverName: string | undefined,
): TlsServer | undefined {
  let best: { server: TlsServer; specificity: number } | undefined;
  for (const { gateway, server } of serversOn(snapshot, pod, containerPort)) {
    const mode = server.tls?.mode;
    const credentialName = server.tls?.credentialName;
    if ((mode !== "SIMPLE" && mode !== "MUTUAL") || !credentialName) continue;
    for (const host of serverHosts(server)) {
      const matches = serverName === undefined ? host === "*" : hostMatches(host, serverName.toLowerCase());
      if (!matches) continue;
      const specificity = hostSpecificity(host);
      if (!best || specificity > best.specificity)
        best = { server: { gateway, server, credentialName, mutual: mode === "MUTUAL" }, specificity };
    }
  }
  return best?.server;
}
