import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMeshMtlsDisableAccepted } from "./mesh-mtls-disabled";

const MESH_DR_DISABLE = `
kind: DestinationRule
metadata: { name: default, namespace: istio-system }
spec: { host: "*.local", trafficPolicy: { tls: { mode: DISABLE } } }
`;
const meshPa = (mode: string, selector = "") => `
kind: PeerAuthentication
metadata: { name: default, namespace: istio-system }
spec: { ${selector} mtls: { mode: ${mode} } }
`;

describe("KIA0208 mesh-wide DestinationRule disabling TLS against a STRICT mesh policy", () => {
  const dr = objectOf("DestinationRule", MESH_DR_DISABLE);

  it("accepts it with a PERMISSIVE mesh policy, or a STRICT one limited to some workloads", () => {
    expect(checkMeshMtlsDisableAccepted(dr, contextFrom(meshPa("PERMISSIVE")))).toEqual([]);
    expect(
      checkMeshMtlsDisableAccepted(dr, contextFrom(meshPa("STRICT", "selector: { matchLabels: { app: istiod } },"))),
    ).toEqual([]);
  });

  it("flags it against a STRICT mesh-wide PeerAuthentication", () => {
    expect(checkMeshMtlsDisableAccepted(dr, contextFrom(meshPa("STRICT")))).toEqual([
      {
        code: "KIA0208",
        severity: "error",
        message: "PeerAuthentication enabling mTLS found, permissive mode needed",
        path: "spec/trafficPolicy/tls/mode",
      },
    ]);
  });
});
