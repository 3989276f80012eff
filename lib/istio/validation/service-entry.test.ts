import { describe, expect, it } from "vitest";
import { validateIstioConfig, type ValidationFinding } from "./index";

function se(spec: Record<string, unknown>): ValidationFinding[] {
  return validateIstioConfig({
    apiVersion: "networking.istio.io/v1",
    kind: "ServiceEntry",
    metadata: { name: "googleapis", namespace: "bookinfo" },
    spec,
  });
}
const errors = (fs: ValidationFinding[]) => fs.filter((f) => f.severity === "error").map((f) => f.message);

describe("ServiceEntry", () => {
  it("accepts bookinfo's googleapis egress entry", () => {
    expect(
      se({
        hosts: ["www.googleapis.com"],
        ports: [
          { number: 80, name: "http-port", protocol: "HTTP" },
          { number: 443, name: "https-port", protocol: "HTTPS" },
        ],
        resolution: "DNS",
      }),
    ).toEqual([]);
  });

  it("reports missing hosts, duplicate ports and a wildcard DNS host without endpoints", () => {
    expect(errors(se({ hosts: [], ports: [{ number: 80, name: "http", protocol: "HTTP" }] }))).toEqual([
      "service entry must have at least one host",
    ]);
    expect(
      errors(
        se({
          hosts: ["a.com"],
          ports: [
            { number: 80, name: "http", protocol: "HTTP" },
            { number: 80, name: "http", protocol: "HTTP" },
          ],
          resolution: "DNS",
        }),
      ),
    ).toEqual(['service entry port name "http" already defined', "service entry port 80 already defined"]);
    expect(
      errors(se({ hosts: ["*.a.com"], ports: [{ number: 80, name: "http", protocol: "HTTP" }], resolution: "DNS" })),
    ).toEqual(["hosts must be FQDN if no endpoints are provided for resolution mode DNS"]);
  });

  it("refuses endpoints with resolution NONE and multiple hosts on TCP", () => {
    expect(
      errors(
        se({
          hosts: ["a.com"],
          addresses: ["10.0.0.1"],
          ports: [{ number: 5432, name: "tcp", protocol: "TCP" }],
          resolution: "NONE",
          endpoints: [{ address: "10.0.0.2" }],
        }),
      ),
    ).toEqual(["no endpoints should be provided for resolution type none"]);
    expect(
      errors(
        se({
          hosts: ["a.com", "b.com"],
          addresses: ["10.0.0.1"],
          ports: [{ number: 5432, name: "tcp", protocol: "TCP" }],
          resolution: "DNS",
        }),
      ),
    ).toEqual(["multiple hosts provided with non-HTTP, non-TLS ports"]);
  });
});
