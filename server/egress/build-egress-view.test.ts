import { describe, expect, it } from "vitest";
import { contextFrom } from "@/server/validation/test-support/fixtures";
import { buildEgressView } from "./build-egress-view";

const ALLOW_ANY = { mode: "ALLOW_ANY" as const, fromConfigMap: false };
const EGRESS_GATEWAY_POD = `apiVersion: v1
kind: Pod
metadata: { name: istio-egressgateway-7d9f, namespace: istio-system, labels: { app: istio-egressgateway, istio: egressgateway } }
`;

// Istio's "Egress Gateways with TLS Origination" task, in namespace default.
const CNN_THROUGH_EGRESS_GATEWAY = `${EGRESS_GATEWAY_POD}---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: { name: cnn, namespace: default }
spec:
  hosts: [edition.cnn.com]
  ports: [{ number: 80, name: http, protocol: HTTP }, { number: 443, name: https, protocol: HTTPS }]
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: { name: istio-egressgateway, namespace: default }
spec:
  selector: { istio: egressgateway }
  servers:
    - port: { number: 80, name: https-port-for-tls-origination, protocol: HTTPS }
      hosts: [edition.cnn.com]
      tls: { mode: ISTIO_MUTUAL }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: direct-cnn-through-egress-gateway, namespace: default }
spec:
  hosts: [edition.cnn.com]
  gateways: [istio-egressgateway, mesh]
  http:
    - match: [{ gateways: [mesh], port: 80 }]
      route: [{ destination: { host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: { number: 80 } }, weight: 100 }]
    - match: [{ gateways: [istio-egressgateway], port: 80 }]
      route: [{ destination: { host: edition.cnn.com, port: { number: 443 } }, weight: 100 }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: egressgateway-for-cnn, namespace: default }
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
    - name: cnn
      trafficPolicy:
        portLevelSettings: [{ port: { number: 80 }, tls: { mode: ISTIO_MUTUAL, sni: edition.cnn.com } }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: originate-tls-for-edition-cnn-com, namespace: default }
spec:
  host: edition.cnn.com
  trafficPolicy:
    portLevelSettings: [{ port: { number: 443 }, tls: { mode: SIMPLE } }]
`;

describe("the Egress view", () => {
  const view = buildEgressView(contextFrom(CNN_THROUGH_EGRESS_GATEWAY), ALLOW_ANY, new Set(["default"]));

  it("lists a ServiceEntry with its ports and Istio's defaults spelled out", () => {
    expect(view.serviceEntries).toEqual([
      {
        namespace: "default",
        name: "cnn",
        hosts: ["edition.cnn.com"],
        addresses: [],
        ports: [
          { number: 80, protocol: "HTTP", name: "http" },
          { number: 443, protocol: "HTTPS", name: "https" },
        ],
        resolution: "DNS",
        location: "MESH_EXTERNAL",
        exportTo: ["*"],
        endpoints: [],
        routesBySni: true,
      },
    ]);
  });

  it("shows the egress gateway's own route, not the sidecars' half of the VirtualService", () => {
    expect(view.gatewayRoutes).toEqual([
      {
        virtualService: { namespace: "default", name: "direct-cnn-through-egress-gateway" },
        gateway: { namespace: "default", name: "istio-egressgateway" },
        gatewayWorkloads: ["istio-system/istio-egressgateway-7d9f"],
        server: { port: 80, protocol: "HTTPS", tlsMode: "ISTIO_MUTUAL" },
        kind: "http",
        hosts: ["edition.cnn.com"],
        match: ["port 80"],
        destinations: [{ host: "edition.cnn.com", port: 443, weight: 100 }],
      },
    ]);
  });

  it("lists the DestinationRule that originates TLS, not the one that only sets Istio mTLS to the gateway", () => {
    expect(view.tlsOrigination).toEqual([
      {
        namespace: "default",
        name: "originate-tls-for-edition-cnn-com",
        host: "edition.cnn.com",
        scope: { port: 443 },
        mode: "SIMPLE",
        verification: "systemRoots",
        subjectAltNames: [],
        declaredByServiceEntry: true,
      },
    ]);
  });

  it("says how a server certificate is checked: a CA file, a Secret, or not at all", () => {
    const rules = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: checked, namespace: default }
spec:
  host: api.example.com
  trafficPolicy: { tls: { mode: SIMPLE, caCertificates: /etc/certs/ca.pem, sni: api.example.com } }
  subsets:
    - name: mtls
      trafficPolicy: { tls: { mode: MUTUAL, credentialName: client-credential } }
    - name: careless
      trafficPolicy: { tls: { mode: SIMPLE, insecureSkipVerify: true } }
`;
    const rows = buildEgressView(contextFrom(rules), ALLOW_ANY, new Set(["default"])).tlsOrigination;
    expect(rows.map((r) => [r.scope, r.mode, r.verification, r.declaredByServiceEntry])).toEqual([
      [{}, "SIMPLE", "caCertificates", false],
      [{ subset: "mtls" }, "MUTUAL", "credentialName", false],
      [{ subset: "careless" }, "SIMPLE", "skipped", false],
    ]);
    expect(rows[0]?.sni).toBe("api.example.com");
    expect(rows[1]?.credentialName).toBe("client-credential");
  });

  it("ignores Gateways of the ingress gateway", () => {
    const ingress = CNN_THROUGH_EGRESS_GATEWAY.replaceAll("egressgateway", "ingressgateway");
    expect(buildEgressView(contextFrom(ingress), ALLOW_ANY, new Set(["default"])).gatewayRoutes).toEqual([]);
  });

  it("shows only the namespaces asked for, and the outbound policy it was given", () => {
    const other = buildEgressView(
      contextFrom(CNN_THROUGH_EGRESS_GATEWAY),
      { mode: "REGISTRY_ONLY", fromConfigMap: true },
      new Set(["bookinfo"]),
    );
    expect(other).toEqual({
      outboundPolicy: { mode: "REGISTRY_ONLY", fromConfigMap: true },
      serviceEntries: [],
      gatewayRoutes: [],
      tlsOrigination: [],
    });
  });
});
