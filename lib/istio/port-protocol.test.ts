import { describe, expect, it } from "vitest";
import { carriesTcp, portTrafficOf } from "./port-protocol";

describe("portTrafficOf", () => {
  it("reads the protocol from appProtocol first, then from the name's prefix", () => {
    expect(portTrafficOf({ name: "tcp-db", protocol: "TCP", appProtocol: "http" })).toBe("http");
    expect(portTrafficOf({ name: "http", protocol: "TCP" })).toBe("http");
    expect(portTrafficOf({ name: "grpc-web", protocol: "TCP" })).toBe("http");
    expect(portTrafficOf({ name: "tcp-db", protocol: "TCP" })).toBe("tcp");
    expect(portTrafficOf({ name: "mongo", protocol: "TCP" })).toBe("tcp");
    expect(portTrafficOf({ name: "https-admin", protocol: "TCP" })).toBe("tcp");
  });

  it("calls a port that declares nothing Istio knows detected, and UDP unproxied", () => {
    expect(portTrafficOf({ protocol: "TCP" })).toBe("detected");
    expect(portTrafficOf({ name: "web", protocol: "TCP" })).toBe("detected");
    expect(portTrafficOf({ name: "dns", protocol: "UDP" })).toBe("unproxied");
  });
});

describe("carriesTcp", () => {
  it("is false for a service whose ports are all HTTP (bookinfo's reviews)", () => {
    expect(carriesTcp([{ traffic: "http" }])).toBe(false);
    expect(carriesTcp([{ traffic: "http" }, { traffic: "unproxied" }])).toBe(false);
  });

  it("is true with a TCP port, or a port whose protocol Istio detects", () => {
    expect(carriesTcp([{ traffic: "http" }, { traffic: "tcp" }])).toBe(true);
    expect(carriesTcp([{ traffic: "detected" }])).toBe(true);
  });
});
