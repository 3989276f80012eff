import { describe, expect, it } from "vitest";
import { BOOKINFO, contextFrom, objectOf } from "../../test-support/fixtures";
import { checkGatewayHostsUnique } from "./multiple-gateways";

const gatewayYaml = (name: string, selector: string, port: number, host: string) => `
kind: Gateway
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { istio: ${selector} }
  servers: [{ port: { number: ${port}, name: p, protocol: HTTP }, hosts: ["${host}"] }]
`;

describe("KIA0301 same host and port in more than one Gateway", () => {
  it("accepts another port, another host, or another ingress", () => {
    const context = contextFrom(BOOKINFO);
    for (const yaml of [
      gatewayYaml("a", "ingressgateway", 9090, "bookinfo.example.com"),
      gatewayYaml("b", "ingressgateway", 8080, "shop.example.com"),
      gatewayYaml("c", "internal-gateway", 8080, "bookinfo.example.com"),
    ]) {
      expect(checkGatewayHostsUnique(objectOf("Gateway", yaml), context)).toEqual([]);
    }
  });

  it("warns when a wildcard host on the same ingress and port overlaps another Gateway's host", () => {
    const yaml = gatewayYaml("catch-all", "ingressgateway", 8080, "*.example.com");
    expect(checkGatewayHostsUnique(objectOf("Gateway", yaml), contextFrom(`${BOOKINFO}\n---\n${yaml}`))).toEqual([
      {
        code: "KIA0301",
        severity: "warning",
        message:
          "More than one Gateway for the same host port combination: *.example.com:8080 is also served by bookinfo/bookinfo-gateway",
        path: "spec/servers[0]/hosts[0]",
      },
    ]);
  });
});
