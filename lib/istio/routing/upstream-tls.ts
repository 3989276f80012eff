/**
 * Whether the client proxy and a server outside the mesh agree on TLS. The outside world's
 * servers are modelled as speaking TLS exactly where the ServiceEntry port says HTTPS or TLS,
 * or where the connection reaches port 443 (the entry's `targetPort`, else its number; the
 * dialed port for PassthroughCluster); plaintext elsewhere. The proxy originates TLS when the
 * DestinationRule's policy for the port says `SIMPLE` or `MUTUAL` (Istio's "Egress TLS
 * Origination"). A mismatch fails the way Envoy reports it:
 *
 * - plaintext HTTP to a TLS server: the server cannot parse it and closes the connection
 *   before any answer — 503 `UC` (`upstream_reset_before_response_started{connection_termination}`).
 *   Some servers answer 400 instead (nginx's "plain HTTP request was sent to HTTPS port"); the
 *   simulator models the ones that hang up.
 * - TLS to a plaintext server: the handshake fails — 503 `UF` with BoringSSL's WRONG_VERSION_NUMBER.
 */
import type { Cluster } from "./resolve-cluster";

const TLS_PROTOCOLS: ReadonlySet<string> = new Set(["HTTPS", "TLS"]);
const TLS_PORT = 443;
const ORIGINATING_MODES: ReadonlySet<string> = new Set(["SIMPLE", "MUTUAL"]);

export type UpstreamTls = "agreed" | "plaintextToTlsServer" | "tlsToPlaintextServer";

export function serverSpeaksTls(cluster: Cluster): boolean {
  if (cluster.service.kind === "kubernetes") return false;
  if (cluster.service.kind !== "external") return cluster.port === TLS_PORT;
  const port = (cluster.service.entry.spec.ports ?? []).find((p) => p.number === cluster.port);
  if (port && TLS_PROTOCOLS.has((port.protocol ?? "").toUpperCase())) return true;
  return (port?.targetPort ?? cluster.port) === TLS_PORT;
}

export function originatesTls(cluster: Cluster): boolean {
  return ORIGINATING_MODES.has(cluster.policy.tls?.mode ?? "");
}

/** For a cluster outside the mesh; mesh-internal clusters are mutual-tls.ts's business. */
export function upstreamTls(cluster: Cluster): UpstreamTls {
  const server = serverSpeaksTls(cluster);
  const client = originatesTls(cluster);
  if (server && !client) return "plaintextToTlsServer";
  if (!server && client) return "tlsToPlaintextServer";
  return "agreed";
}
