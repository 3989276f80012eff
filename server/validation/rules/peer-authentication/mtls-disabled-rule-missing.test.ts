import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMtlsDisableHasRule } from "./mtls-disabled-rule-missing";

const pa = (namespace: string) => `
kind: PeerAuthentication
metadata: { name: default, namespace: ${namespace} }
spec: { mtls: { mode: DISABLE } }
`;
const dr = (name: string, host: string, mode: string) => `
kind: DestinationRule
metadata: { name: ${name}, namespace: istio-system }
spec: { host: "${host}", trafficPolicy: { tls: { mode: ${mode} } } }
`;
const MESH_MTLS = dr("mesh", "*.local", "ISTIO_MUTUAL");

describe("KIA0505 / KIA0506 PeerAuthentication disabling mTLS while a DestinationRule still sends it", () => {
  it("says nothing when no rule sends mTLS, or the namespace's own rule disables it", () => {
    expect(checkMtlsDisableHasRule(objectOf("PeerAuthentication", pa("bookinfo")), contextFrom(""))).toEqual([]);
    const nsDisable = dr("ns", "*.bookinfo.svc.cluster.local", "DISABLE");
    expect(
      checkMtlsDisableHasRule(
        objectOf("PeerAuthentication", pa("bookinfo")),
        contextFrom(`${MESH_MTLS}\n---\n${nsDisable}`),
      ),
    ).toEqual([]);
  });

  it("flags a namespace-wide DISABLE against a mesh-wide or namespace rule sending mTLS (KIA0505)", () => {
    const namespaced = objectOf("PeerAuthentication", pa("bookinfo"));
    expect(checkMtlsDisableHasRule(namespaced, contextFrom(MESH_MTLS))).toEqual([
      {
        code: "KIA0505",
        severity: "error",
        message:
          "Destination Rule disabling namespace-wide mTLS is missing: add (or change) a DestinationRule for host *.bookinfo.svc.cluster.local with trafficPolicy.tls.mode DISABLE, or enable mTLS here",
        path: "spec/mtls",
      },
    ]);
    const nsMtls = dr("ns", "*.bookinfo.svc.cluster.local", "ISTIO_MUTUAL");
    expect(checkMtlsDisableHasRule(namespaced, contextFrom(nsMtls)).map((c) => c.code)).toEqual(["KIA0505"]);
  });

  it("flags a mesh-wide DISABLE against a mesh-wide rule sending mTLS (KIA0506)", () => {
    expect(checkMtlsDisableHasRule(objectOf("PeerAuthentication", pa("istio-system")), contextFrom(MESH_MTLS))).toEqual(
      [
        {
          code: "KIA0506",
          severity: "error",
          message:
            "Destination Rule disabling mesh-wide mTLS is missing: set trafficPolicy.tls.mode DISABLE in the DestinationRule for *.local, or enable mTLS here",
          path: "spec/mtls",
        },
      ],
    );
  });
});
