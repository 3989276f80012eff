import { describe, expect, it } from "vitest";
import { validateIstioConfig, type ValidationFinding } from "./index";

function gw(spec: Record<string, unknown>, name = "bookinfo-gateway"): ValidationFinding[] {
  return validateIstioConfig({
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: { name, namespace: "bookinfo" },
    spec,
  });
}
const errors = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "error").map((f) => f.message);

describe("Gateway", () => {
  it("accepts bookinfo-gateway", () => {
    expect(
      gw({
        selector: { istio: "ingressgateway" },
        servers: [{ port: { number: 8080, name: "http", protocol: "HTTP" }, hosts: ["*"] }],
      }),
    ).toEqual([]);
  });

  it("requires servers, hosts and TLS settings for HTTPS", () => {
    expect(errors(gw({ servers: [] }))).toEqual(["gateway must have at least one server"]);
    expect(errors(gw({ servers: [{ port: { number: 443, name: "https", protocol: "HTTPS" }, hosts: [] }] }))).toEqual([
      "server config must contain at least one host",
      "server must have TLS settings for HTTPS/TLS protocols",
    ]);
  });

  it("reports duplicate port names and an invalid gateway name", () => {
    const server = { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] };
    expect(errors(gw({ servers: [server, { ...server, port: { ...server.port, number: 81 } }] }))).toEqual([
      "port names in servers must be unique: duplicate name http",
    ]);
    expect(errors(gw({ servers: [server] }, "bookinfo.gateway"))).toEqual(['invalid gateway name: "bookinfo.gateway"']);
  });
});
