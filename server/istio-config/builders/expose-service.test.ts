import { describe, expect, it } from "vitest";
import { buildExposeService } from "./expose-service";

const httpbin = { namespace: "httpbin", name: "httpbin" };

describe("Expose this service", () => {
  it("builds Istio's ingress task for HTTP: a Gateway on port 80 and a VirtualService bound to it", () => {
    const { gateway, virtualService } = buildExposeService(httpbin, {
      protocol: "HTTP",
      host: "httpbin.example.com",
      servicePort: 8000,
    });
    expect(gateway.metadata).toMatchObject({ name: "httpbin-gateway", namespace: "httpbin" });
    expect(gateway.spec).toEqual({
      selector: { istio: "ingressgateway" },
      servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["httpbin.example.com"] }],
    });
    expect(virtualService.metadata).toMatchObject({ name: "httpbin-ingress", namespace: "httpbin" });
    expect(virtualService.spec).toEqual({
      hosts: ["httpbin.example.com"],
      gateways: ["httpbin-gateway"],
      http: [{ route: [{ destination: { host: "httpbin", port: { number: 8000 } } }] }],
    });
  });

  it("serves HTTPS on 443 in SIMPLE mode with the chosen credential Secret", () => {
    const { gateway } = buildExposeService(httpbin, {
      protocol: "HTTPS",
      host: "httpbin.example.com",
      servicePort: 8000,
      credentialName: "httpbin-credential",
    });
    expect(gateway.spec?.servers).toEqual([
      {
        port: { number: 443, name: "https", protocol: "HTTPS" },
        hosts: ["httpbin.example.com"],
        tls: { mode: "SIMPLE", credentialName: "httpbin-credential" },
      },
    ]);
  });
});
