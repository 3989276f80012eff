import { describe, expect, it } from "vitest";
import { validateIstioConfig } from "./index";

const messages = (kind: string, spec: Record<string, unknown>) =>
  validateIstioConfig({
    apiVersion: "networking.istio.io/v1",
    kind,
    metadata: { name: "x", namespace: "bookinfo" },
    spec,
  }).map((f) => f.message);

describe("Sidecar", () => {
  it("accepts an egress listener restricted to the namespace", () => {
    expect(messages("Sidecar", { egress: [{ hosts: ["./*", "istio-system/*"] }] })).toEqual([]);
  });

  it("refuses an empty configuration", () => {
    expect(messages("Sidecar", {})).toEqual(["sidecar: empty configuration provided"]);
  });
});

describe("WorkloadEntry", () => {
  it("accepts an IP address with named ports", () => {
    expect(messages("WorkloadEntry", { address: "10.0.0.5", ports: { http: 8080 } })).toEqual([]);
  });

  it("requires an address", () => {
    expect(messages("WorkloadEntry", {})).toEqual(["address is required"]);
  });
});

describe("validateIstioConfig", () => {
  it("honours istio.io/alwaysReject and ignores kinds istiod does not validate", () => {
    expect(
      validateIstioConfig({
        kind: "Gateway",
        metadata: { name: "g", annotations: { "istio.io/alwaysReject": "true" } },
        spec: {},
      }).map((f) => f.message),
    ).toEqual(['"istio.io/alwaysReject" annotation found, rejecting']);
    expect(validateIstioConfig({ kind: "ConfigMap", spec: {} })).toEqual([]);
  });
});
