/**
 * Whether a connection between two proxies is Istio mutual TLS, and whether the server
 * accepts it. The server's mode comes from PeerAuthentication (workload selector beats
 * namespace-wide beats mesh-wide in the root namespace; port-level overrides; default
 * PERMISSIVE). The client's from the DestinationRule's `tls.mode`, else auto mTLS: mTLS
 * whenever the server has a sidecar and its mode is not DISABLE.
 */
import type { MutualTLSMode } from "@/lib/istio/types";
import { serverAccepts, serversOn } from "./gateway-servers";
import { labelsMatch, type ConfigSnapshot, type PeerAuthenticationEntry, type PodInfo } from "./snapshot";
import type { EffectivePolicy } from "./resolve-cluster";

export type ServerMtlsMode = "STRICT" | "PERMISSIVE" | "DISABLE";

function setMode(mode: MutualTLSMode | undefined): ServerMtlsMode | undefined {
  return mode && mode !== "UNSET" ? mode : undefined;
}

function modeOf(pa: PeerAuthenticationEntry, port: number): ServerMtlsMode | undefined {
  return setMode(pa.spec.portLevelMtls?.[String(port)]?.mode) ?? setMode(pa.spec.mtls?.mode);
}

/** The server's mode and the PeerAuthentication that set it (none: Istio's default, PERMISSIVE). */
export function serverMtlsDecision(
  snapshot: ConfigSnapshot,
  pod: PodInfo,
  targetPort: number,
): { mode: ServerMtlsMode; peerAuthentication?: PeerAuthenticationEntry } {
  const layers: PeerAuthenticationEntry[][] = [
    snapshot.peerAuthentications.filter(
      (pa) =>
        pa.namespace === pod.namespace &&
        pa.spec.selector?.matchLabels &&
        labelsMatch(pa.spec.selector.matchLabels, pod.labels),
    ),
    snapshot.peerAuthentications.filter((pa) => pa.namespace === pod.namespace && !pa.spec.selector?.matchLabels),
    snapshot.peerAuthentications.filter(
      (pa) => pa.namespace === snapshot.rootNamespace && !pa.spec.selector?.matchLabels,
    ),
  ];
  for (const layer of layers) {
    for (const pa of layer) {
      const mode = modeOf(pa, targetPort);
      if (mode) return { mode, peerAuthentication: pa };
    }
  }
  return { mode: "PERMISSIVE" };
}

export function serverMtlsMode(snapshot: ConfigSnapshot, pod: PodInfo, targetPort: number): ServerMtlsMode {
  return serverMtlsDecision(snapshot, pod, targetPort).mode;
}

export interface ConnectionSecurity {
  mutualTls: boolean;
  /** The handshake fails (plaintext to a STRICT server, Istio mTLS to a server without a sidecar): 503 UF. */
  refused: boolean;
}

export function connectionSecurity(
  snapshot: ConfigSnapshot,
  clientHasProxy: boolean,
  server: PodInfo,
  targetPort: number,
  policy: EffectivePolicy,
): ConnectionSecurity {
  const serverMode: ServerMtlsMode = server.hasSidecar ? serverMtlsMode(snapshot, server, targetPort) : "DISABLE";
  let clientMtls: boolean;
  if (!clientHasProxy) clientMtls = false;
  else if (policy.tls?.mode === "ISTIO_MUTUAL") clientMtls = true;
  else if (policy.tls?.mode) clientMtls = false;
  else clientMtls = server.hasSidecar && serverMode !== "DISABLE";
  if (clientMtls && !server.hasSidecar) return { mutualTls: false, refused: true };
  if (!clientMtls && serverMode === "STRICT") return { mutualTls: false, refused: true };
  // A DISABLE server does not terminate mTLS; a client forcing it fails the handshake.
  if (clientMtls && serverMode === "DISABLE") return { mutualTls: false, refused: true };
  return { mutualTls: clientMtls, refused: false };
}

/**
 * A gateway as the upstream of a mesh request (engine/gateway-hop.ts, Istio's "Egress Gateways
 * with TLS Origination"): it terminates Istio mTLS on a server whose `tls.mode` is ISTIO_MUTUAL
 * and expects plaintext on a server without TLS. The client's side is its DestinationRule's
 * `tls.mode` only: a gateway has no sidecar, so auto mTLS (above) never picks mTLS toward it
 * (inferred: the guides always set `ISTIO_MUTUAL` in the DestinationRule for the gateway). When
 * the two disagree the handshake fails: 503 UF.
 */
export function gatewayConnectionSecurity(
  snapshot: ConfigSnapshot,
  gateway: PodInfo,
  targetPort: number,
  host: string,
  policy: EffectivePolicy,
): ConnectionSecurity {
  const served = serversOn(snapshot, gateway, targetPort).find(({ server }) => serverAccepts(server, host));
  const clientMtls = policy.tls?.mode === "ISTIO_MUTUAL";
  const serverMtls = served?.server.tls?.mode === "ISTIO_MUTUAL";
  if (clientMtls !== serverMtls) return { mutualTls: false, refused: true };
  return { mutualTls: clientMtls, refused: false };
}
