/**
 * Kiali's rules for the telemetry a real mesh produces, applied as samples are read
 * (traffic-row.ts), each a small pure function:
 * - a destination service that is a bare IP address with no destination workload is bad
 *   telemetry (a call by IP the proxy could not attribute): the sample is dropped, so it
 *   neither draws a node nor inflates its source's rates;
 * - a call to `istio-egressgateway` that the client could not attribute to a workload (the
 *   gateway's namespace is usually not asked for, and TLS origination hides the peer) still
 *   reaches the egress gateway: its destination is the gateway's workload, not a dead-end
 *   service node, so the graph continues caller → gateway → external host;
 * - `destination_cluster="unknown"` (no cluster on the server's side of the report) is the
 *   source's cluster: single-cluster meshes and old proxies leave it out.
 * (The fourth rule — a source with a known namespace but no workload is not the unknown
 * node — is about which node stands for a peer: node-identity.ts.)
 */
import "server-only";

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/;
const ipv6 = /^\[?[0-9a-fA-F]*:[0-9a-fA-F:.]*\]?(:\d+)?$/;

export function isIpAddress(text: string): boolean {
  return ipv4.test(text) || ipv6.test(text);
}

/** A destination service named by a bare IP, reached by no known workload. */
export function isBadDestTelemetry(destWorkload: string, serviceName: string, unknown: string): boolean {
  return destWorkload === unknown && isIpAddress(serviceName);
}

export const EGRESS_GATEWAY = "istio-egressgateway";

/** The called service is the egress gateway's (its name, in any namespace). */
export function isEgressGatewayService(serviceName: string): boolean {
  return serviceName === EGRESS_GATEWAY;
}

/** The destination's cluster, the source's when the report left it unknown. */
export function destinationCluster(destCluster: string, sourceCluster: string, unknown: string): string {
  return destCluster === unknown ? sourceCluster : destCluster;
}
