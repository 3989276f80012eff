import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMeshSettings, readRootCertificate } from "./mesh-config";

const rootCertPem = readFileSync(new URL("./__fixtures__/root-cert.pem", import.meta.url), "utf8");

describe("mesh settings from istiod's istio ConfigMap", () => {
  it("reads outbound traffic policy, auto mTLS and trust domain from the mesh YAML", () => {
    const mesh = "outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\nenableAutoMtls: false\ntrustDomain: example.org\n";
    expect(parseMeshSettings([{ name: "istio", data: { mesh } }], "istio-system")).toEqual({
      rootNamespace: "istio-system",
      trustDomain: "example.org",
      outboundTrafficPolicy: "REGISTRY_ONLY",
      enableAutoMtls: false,
      fromConfigMap: true,
    });
  });

  it("uses Istio's defaults without the ConfigMap, or for what it leaves out", () => {
    expect(parseMeshSettings([], "istio-system")).toMatchObject({
      outboundTrafficPolicy: "ALLOW_ANY",
      enableAutoMtls: true,
      fromConfigMap: false,
    });
    expect(
      parseMeshSettings([{ name: "istio", data: { mesh: "accessLogFile: /dev/stdout\n" } }], "istio-system"),
    ).toMatchObject({ outboundTrafficPolicy: "ALLOW_ANY", enableAutoMtls: true, fromConfigMap: true });
  });

  it("says why a mesh that does not parse was ignored", () => {
    const settings = parseMeshSettings(
      [{ name: "istio", data: { mesh: "outboundTrafficPolicy:\n  mode: SOMETIMES\n" } }],
      "istio-system",
    );
    expect(settings.outboundTrafficPolicy).toBe("ALLOW_ANY");
    expect(settings.problem).toContain("outboundTrafficPolicy.mode");
  });
});

describe("the root certificate's expiry", () => {
  it("reads notAfter from istio-ca-root-cert and counts the days left", () => {
    const cert = readRootCertificate(
      [{ name: "istio-ca-root-cert", data: { "root-cert.pem": rootCertPem } }],
      new Date("2036-11-30T06:59:51Z"),
    );
    expect(cert).toEqual({ subject: "O=cluster.local", notAfter: "2036-12-02T06:59:51.000Z", daysLeft: 2 });
  });

  it("has nothing to say without the ConfigMap or with a PEM that does not parse", () => {
    expect(readRootCertificate([], new Date())).toBeUndefined();
    expect(
      readRootCertificate([{ name: "istio-ca-root-cert", data: { "root-cert.pem": "nope" } }], new Date()),
    ).toBeUndefined();
  });
});

describe("Istio's outbound traffic modes", () => {
  it("shows ALLOW_ANY_DYNAMIC_DNS as it is, not as a mesh that does not parse", () => {
    const settings = parseMeshSettings(
      [{ name: "istio", data: { mesh: "outboundTrafficPolicy:\n  mode: ALLOW_ANY_DYNAMIC_DNS\n" } }],
      "istio-system",
    );
    expect(settings.problem).toBeUndefined();
    expect(settings.outboundTrafficPolicy).toBe("ALLOW_ANY_DYNAMIC_DNS");
  });
});
