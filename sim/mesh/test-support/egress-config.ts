/**
 * Test support: the configuration of Istio's egress tasks for `httpbin.org`, in the namespace
 * of the default scenario's `curl` client (tcp-echo): the mesh's outbound policy, a
 * ServiceEntry that registers the host, and the "Egress Gateways" task's Gateway,
 * DestinationRule and VirtualService that send the call through istio-egressgateway.
 */

export const EXTERNAL_HOST = "httpbin.org";
export const CLIENT_NAMESPACE = "tcp-echo";

/** The `istio` ConfigMap with `outboundTrafficPolicy.mode` set, as `istioctl install --set meshConfig…` leaves it. */
export function meshConfigYaml(mode: "ALLOW_ANY" | "REGISTRY_ONLY"): string {
  return `apiVersion: v1
kind: ConfigMap
metadata: { name: istio, namespace: istio-system }
data:
  mesh: |-
    accessLogFile: /dev/stdout
    outboundTrafficPolicy:
      mode: ${mode}
`;
}

export const SERVICE_ENTRY_YAML = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: httpbin-ext, namespace: ${CLIENT_NAMESPACE} }
spec:
  hosts: [${EXTERNAL_HOST}]
  ports: [{ number: 80, name: http, protocol: HTTP }]
  resolution: DNS
  location: MESH_EXTERNAL
`;

export const EGRESS_GATEWAY_YAML = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: istio-egressgateway, namespace: ${CLIENT_NAMESPACE} }
spec:
  selector: { istio: egressgateway }
  servers:
    - port: { number: 80, name: http, protocol: HTTP }
      hosts: [${EXTERNAL_HOST}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: egressgateway-for-httpbin, namespace: ${CLIENT_NAMESPACE} }
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets: [{ name: httpbin }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: direct-httpbin-through-egress-gateway, namespace: ${CLIENT_NAMESPACE} }
spec:
  hosts: [${EXTERNAL_HOST}]
  gateways: [istio-egressgateway, mesh]
  http:
    - match: [{ gateways: [mesh], port: 80 }]
      route:
        - destination: { host: istio-egressgateway.istio-system.svc.cluster.local, subset: httpbin, port: { number: 80 } }
          weight: 100
    - match: [{ gateways: [istio-egressgateway], port: 80 }]
      route:
        - destination: { host: ${EXTERNAL_HOST}, port: { number: 80 } }
          weight: 100
`;
