import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMeshMtlsPolicyPresent } from "./mesh-mtls-policy-missing";

const MESH_DR = `
kind: DestinationRule
metadata: { name: default, namespace: istio-system }
spec: { host: "*.local", trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }
`;
const MESH_PA = (mode: string) => `
kind: PeerAuthentication
metadata: { name: default, namespace: istio-system }
spec: { mtls: { mode: ${mode} } }
`;

describe("KIA0205 mesh-wide mTLS DestinationRule without a PeerAuthentication enabling it", () => {
  const dr = objectOf("DestinationRule", MESH_DR);

  it("accepts it with a mesh-wide STRICT or PERMISSIVE PeerAuthentication, or with auto mTLS on", () => {
    expect(checkMeshMtlsPolicyPresent(dr, contextFrom(MESH_PA("STRICT"), { enableAutoMtls: false }))).toEqual([]);
    expect(checkMeshMtlsPolicyPresent(dr, contextFrom(MESH_PA("PERMISSIVE"), { enableAutoMtls: false }))).toEqual([]);
    expect(checkMeshMtlsPolicyPresent(dr, contextFrom("", { enableAutoMtls: true }))).toEqual([]);
  });

  it("flags it when auto mTLS is off and the mesh policy is missing or DISABLE", () => {
    const expected = [
      {
        code: "KIA0205",
        severity: "error",
        message: "PeerAuthentication enabling mTLS at mesh level is missing",
        path: "spec/trafficPolicy/tls/mode",
      },
    ];
    expect(checkMeshMtlsPolicyPresent(dr, contextFrom("", { enableAutoMtls: false }))).toEqual(expected);
    expect(checkMeshMtlsPolicyPresent(dr, contextFrom(MESH_PA("DISABLE"), { enableAutoMtls: false }))).toEqual(
      expected,
    );
  });
});
