import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkNamespaceMtlsDisableAccepted } from "./namespace-mtls-disabled";

const NS_DR_DISABLE = `
kind: DestinationRule
metadata: { name: no-mtls, namespace: bookinfo }
spec: { host: "*.bookinfo.svc.cluster.local", trafficPolicy: { tls: { mode: DISABLE } } }
`;
const pa = (name: string, namespace: string, mode: string) => `
kind: PeerAuthentication
metadata: { name: ${name}, namespace: ${namespace} }
spec: { mtls: { mode: ${mode} } }
`;

describe("KIA0207 / KIA0208 namespace-wide DestinationRule disabling TLS against a STRICT policy", () => {
  const dr = objectOf("DestinationRule", NS_DR_DISABLE);

  it("accepts it when servers accept plaintext: PERMISSIVE namespace policy overriding a STRICT mesh, or no policy", () => {
    expect(
      checkNamespaceMtlsDisableAccepted(
        dr,
        contextFrom(`${pa("ns", "bookinfo", "PERMISSIVE")}\n---\n${pa("mesh", "istio-system", "STRICT")}`),
      ),
    ).toEqual([]);
    expect(checkNamespaceMtlsDisableAccepted(dr, contextFrom(""))).toEqual([]);
  });

  it("flags a STRICT namespace policy as KIA0207 and a STRICT mesh policy as KIA0208", () => {
    expect(checkNamespaceMtlsDisableAccepted(dr, contextFrom(pa("ns", "bookinfo", "STRICT")))).toEqual([
      {
        code: "KIA0207",
        severity: "error",
        message: "PeerAuthentication with TLS strict mode found, it should be permissive",
        path: "spec/trafficPolicy/tls/mode",
      },
    ]);
    expect(checkNamespaceMtlsDisableAccepted(dr, contextFrom(pa("mesh", "istio-system", "STRICT")))).toEqual([
      {
        code: "KIA0208",
        severity: "error",
        message: "PeerAuthentication enabling mTLS found, permissive mode needed",
        path: "spec/trafficPolicy/tls/mode",
      },
    ]);
  });
});
