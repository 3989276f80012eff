/**
 * The two clusters Istio names in telemetry for calls to hosts no Service or ServiceEntry
 * declares, by the mesh's `outboundTrafficPolicy.mode` (the `istio` ConfigMap): Envoy's route
 * `allow_any` sends them to PassthroughCluster, `block_all` answers 502 itself; the stats filter
 * reports either name as destination_service_name, with the called host as destination_service.
 * Kiali draws each as a service node of that name; what it means is said once, here.
 */
export const outboundPolicyClusters = {
  PassthroughCluster: {
    mode: "ALLOW_ANY",
    meaning: "ALLOW_ANY: calls to hosts not in the registry leave the mesh unchecked (no ServiceEntry)",
  },
  BlackHoleCluster: {
    mode: "REGISTRY_ONLY",
    meaning: "REGISTRY_ONLY: calls to hosts not in the registry are blocked (502)",
  },
} as const;

export type OutboundPolicyCluster = keyof typeof outboundPolicyClusters;

export function isOutboundPolicyCluster(serviceName: string | undefined): serviceName is OutboundPolicyCluster {
  return serviceName !== undefined && Object.hasOwn(outboundPolicyClusters, serviceName);
}
