/**
 * Test support: the configuration of Istio's egress tasks for HTTPS hosts, written after the
 * guides and placed in the namespace of the default scenario's `curl` client (tcp-echo):
 *
 * - "Accessing External Services": a ServiceEntry with an HTTPS port 443 for `www.google.com`,
 *   which the curl pod calls as `curl https://www.google.com` (TLS from the app, routed by SNI);
 * - "Egress TLS Origination": `edition.cnn.com` with ports 80 (HTTP) and 443 (HTTPS), a
 *   VirtualService that sends the app's plain `http://edition.cnn.com` to port 443, and a
 *   DestinationRule whose port 443 originates TLS (`mode: SIMPLE`);
 * - "Egress Gateways with TLS Origination": the sidecar sends the call to istio-egressgateway
 *   over Istio mTLS (a Gateway server with `tls.mode: ISTIO_MUTUAL`, a DestinationRule subset
 *   with `ISTIO_MUTUAL` and the host as SNI), and the gateway originates TLS to port 443.
 */
import { CLIENT_NAMESPACE } from "./egress-config";

export const HTTPS_HOST = "www.google.com";
export const ORIGINATION_HOST = "edition.cnn.com";

export const HTTPS_SERVICE_ENTRY_YAML = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: google, namespace: ${CLIENT_NAMESPACE} }
spec:
  hosts: [${HTTPS_HOST}]
  ports: [{ number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
  location: MESH_EXTERNAL
`;

export const CNN_SERVICE_ENTRY_YAML = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: edition-cnn-com, namespace: ${CLIENT_NAMESPACE} }
spec:
  hosts: [${ORIGINATION_HOST}]
  ports:
    - { number: 80, name: http-port, protocol: HTTP }
    - { number: 443, name: https-port, protocol: HTTPS }
  resolution: DNS
`;

export const CNN_PORT_REWRITE_YAML = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: edition-cnn-com, namespace: ${CLIENT_NAMESPACE} }
spec:
  hosts: [${ORIGINATION_HOST}]
  http:
    - match: [{ port: 80 }]
      route:
        - destination: { host: ${ORIGINATION_HOST}, port: { number: 443 } }
`;

export const CNN_ORIGINATE_TLS_YAML = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: edition-cnn-com, namespace: ${CLIENT_NAMESPACE} }
spec:
  host: ${ORIGINATION_HOST}
  trafficPolicy:
    portLevelSettings:
      - port: { number: 443 }
        tls: { mode: SIMPLE }
`;

export const CNN_EGRESS_GATEWAY_YAML = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: istio-egressgateway, namespace: ${CLIENT_NAMESPACE} }
spec:
  selector: { istio: egressgateway }
  servers:
    - port: { number: 80, name: https-port-for-tls-origination, protocol: HTTPS }
      hosts: [${ORIGINATION_HOST}]
      tls: { mode: ISTIO_MUTUAL }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: egressgateway-for-cnn, namespace: ${CLIENT_NAMESPACE} }
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
    - name: cnn
      trafficPolicy:
        loadBalancer: { simple: ROUND_ROBIN }
        portLevelSettings:
          - port: { number: 80 }
            tls: { mode: ISTIO_MUTUAL, sni: ${ORIGINATION_HOST} }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: direct-cnn-through-egress-gateway, namespace: ${CLIENT_NAMESPACE} }
spec:
  hosts: [${ORIGINATION_HOST}]
  gateways: [istio-egressgateway, mesh]
  http:
    - match: [{ gateways: [mesh], port: 80 }]
      route:
        - destination: { host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: { number: 80 } }
          weight: 100
    - match: [{ gateways: [istio-egressgateway], port: 80 }]
      route:
        - destination: { host: ${ORIGINATION_HOST}, port: { number: 443 } }
          weight: 100
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: originate-tls-for-edition-cnn-com, namespace: ${CLIENT_NAMESPACE} }
spec:
  host: ${ORIGINATION_HOST}
  trafficPolicy:
    loadBalancer: { simple: ROUND_ROBIN }
    portLevelSettings:
      - port: { number: 443 }
        tls: { mode: SIMPLE }
`;
