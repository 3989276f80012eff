/**
 * EDS: a ClusterLoadAssignment per outbound cluster. The endpoints are the pods the
 * service selects (narrowed to the subset's labels) that have an IP, at the service's
 * targetPort. A pod that is not ready is sent as UNHEALTHY, as istiod does for
 * Endpoints' notReadyAddresses; the traffic engine sends to ready pods only
 * (ServiceInfo.pods), so the HEALTHY set here is the set traffic reaches. Outlier
 * ejections live in the engine's per-proxy state and are not shown (see README.md).
 */
import { labelsMatch, type ConfigSnapshot, type PodInfo } from "@/lib/istio/routing/snapshot";
import { serverMtlsMode } from "@/lib/istio/routing/mutual-tls";
import type { OutboundCluster } from "./build-clusters";
import { typed, type EnvoyJson } from "./envoy-json";

export interface ClusterEndpoint {
  pod: PodInfo;
  address: string;
  port: number;
  healthy: boolean;
  /** Auto mTLS picks Istio mTLS for it: a sidecar that does not DISABLE mTLS on this port. */
  istioMtls: boolean;
}

export function endpointsOf(snapshot: ConfigSnapshot, cluster: OutboundCluster): ClusterEndpoint[] {
  if (cluster.row.kind !== "kubernetes") return [];
  const service = snapshot.services.get(cluster.row.host);
  if (!service || Object.keys(service.selector).length === 0) return [];
  return snapshot.pods
    .filter(
      (pod) =>
        pod.namespace === service.namespace &&
        pod.ip !== undefined &&
        labelsMatch(service.selector, pod.labels) &&
        labelsMatch(cluster.subsetLabels, pod.labels),
    )
    .map((pod) => ({
      pod,
      address: pod.ip ?? "",
      port: cluster.row.targetPort,
      healthy: pod.ready,
      istioMtls: pod.hasSidecar && serverMtlsMode(snapshot, pod, cluster.row.targetPort) !== "DISABLE",
    }));
}

/** Istio's workload metadata on an endpoint: `workload;namespace;app;version;cluster`. */
function workloadMetadata(pod: PodInfo): string {
  const id = pod.identity;
  return `${id.workload};${id.namespace};${id.canonicalService};${id.canonicalRevision};Kubernetes`;
}

export function loadAssignment(snapshot: ConfigSnapshot, cluster: OutboundCluster): EnvoyJson {
  const endpoints = endpointsOf(snapshot, cluster);
  return typed("envoy.config.endpoint.v3.ClusterLoadAssignment", {
    cluster_name: cluster.name,
    endpoints:
      endpoints.length === 0
        ? []
        : [
            {
              locality: {},
              lb_endpoints: endpoints.map((e) => ({
                endpoint: {
                  address: { socket_address: { address: e.address, port_value: e.port } },
                  health_check_config: {},
                },
                health_status: e.healthy ? "HEALTHY" : "UNHEALTHY",
                metadata: {
                  filter_metadata: {
                    ...(e.istioMtls ? { "envoy.transport_socket_match": { tlsMode: "istio" } } : {}),
                    istio: { workload: workloadMetadata(e.pod) },
                  },
                },
                load_balancing_weight: 1,
              })),
              load_balancing_weight: endpoints.length,
            },
          ],
    policy: { overprovisioning_factor: 140 },
  });
}
