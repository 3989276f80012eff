/**
 * Istio's cluster names, taken apart (istio/istio pilot/pkg/model BuildSubsetKey):
 * `direction|port|subset|host`, e.g. `outbound|9080|v1|ratings.bookinfo.svc.cluster.local`
 * and, on the inbound side, `inbound|9080||`. The other clusters a sidecar has are named
 * plainly; the table says which way each sends.
 */
import type { TrafficDirection, UpstreamCluster } from "./access-log-entry";

const plainClusters: Record<string, TrafficDirection> = {
  PassthroughCluster: "outbound",
  BlackHoleCluster: "outbound",
  InboundPassthroughCluster: "inbound",
  InboundPassthroughClusterIpv4: "inbound",
  InboundPassthroughClusterIpv6: "inbound",
};

export function parseUpstreamCluster(raw: string): UpstreamCluster {
  // `%UPSTREAM_CLUSTER%` prints a cluster's alt_stat_name, which Istio ends with ";"; the _RAW form does not.
  const name = raw.endsWith(";") ? raw.slice(0, -1) : raw;
  const parts = name.split("|");
  if (parts.length === 4 && (parts[0] === "inbound" || parts[0] === "outbound")) {
    const [direction, port, subset, host] = parts as [TrafficDirection, string, string, string];
    const portNumber = Number(port);
    return {
      name,
      direction,
      ...(port !== "" && Number.isInteger(portNumber) ? { port: portNumber } : {}),
      ...(subset ? { subset } : {}),
      ...(host ? { serviceHost: host } : {}),
    };
  }
  return { name, direction: plainClusters[name] ?? "unknown" };
}
