import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMeshMtlsRulePresent } from "./mesh-mtls-rule-missing";

const MESH_STRICT = `
kind: PeerAuthentication
metadata: { name: default, namespace: istio-system }
spec: { mtls: { mode: STRICT } }
`;
const MESH_DR = `
kind: DestinationRule
metadata: { name: default, namespace: istio-system }
spec: { host: "*.local", trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }
`;

describe("KIA0401 mesh-wide STRICT PeerAuthentication without a mesh-wide DestinationRule enabling mTLS", () => {
  const pa = objectOf("PeerAuthentication", MESH_STRICT);

  it("says nothing under auto mTLS, or when a *.local rule sends Istio mTLS", () => {
    expect(checkMeshMtlsRulePresent(pa, contextFrom(""))).toEqual([]);
    expect(checkMeshMtlsRulePresent(pa, contextFrom(MESH_DR, { enableAutoMtls: false }))).toEqual([]);
  });

  it("flags it with auto mTLS off and no such rule", () => {
    expect(checkMeshMtlsRulePresent(pa, contextFrom("", { enableAutoMtls: false }))).toEqual([
      {
        code: "KIA0401",
        severity: "error",
        message:
          "Mesh-wide Destination Rule enabling mTLS is missing: add a DestinationRule for host *.local with trafficPolicy.tls.mode ISTIO_MUTUAL, or turn auto mTLS on",
        path: "spec/mtls",
      },
    ]);
  });
});
