import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkConflictingGateways } from "./conflicting-gateways";

const gatewayYaml = (name: string, selector: string, port: number, host: string) => `
kind: Gateway
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { ${selector} }
  servers:
  - { port: { number: 9443, name: https, protocol: HTTPS }, hosts: ["admin.example.com"], tls: { mode: SIMPLE, credentialName: admin } }
  - { port: { number: ${port}, name: http, protocol: HTTP }, hosts: ["${host}"] }
`;

describe("IST0145 Gateways on the same proxy with the same port and a conflicting host", () => {
  const context = contextFrom(BOOKINFO);

  it("accepts another port, another host, or a proxy no workload shares", () => {
    for (const yaml of [
      gatewayYaml("a", "istio: ingressgateway", 9090, "bookinfo.example.com"),
      gatewayYaml("b", "istio: ingressgateway", 8080, "shop.example.com"),
      gatewayYaml("c", "istio: internal-gateway", 8080, "bookinfo.example.com"),
    ]) {
      expect(checkConflictingGateways(objectOf("Gateway", yaml), context)).toEqual([]);
    }
  });

  it("flags the server whose host and port another Gateway on the same workload serves, in istioctl's words", () => {
    // Another selector, but it picks the same ingress pod as bookinfo-gateway's.
    const yaml = gatewayYaml("shop", "app: istio-ingressgateway", 8080, "*.example.com");
    expect(checkConflictingGateways(objectOf("Gateway", yaml), contextFrom(`${BOOKINFO}\n---\n${yaml}`))).toEqual([
      {
        code: "IST0145",
        severity: "error",
        message:
          "Conflict with gateways bookinfo/bookinfo-gateway (workload selector app=istio-ingressgateway, port 8080, hosts *.example.com). " +
          "Serve each host and port from one Gateway only: remove the host here or merge the servers into one Gateway.",
        path: "spec/servers[1]",
      },
    ]);
  });
});
