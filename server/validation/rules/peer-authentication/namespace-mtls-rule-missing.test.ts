import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkNamespaceMtlsRulePresent } from "./namespace-mtls-rule-missing";

const NS_STRICT = `
kind: PeerAuthentication
metadata: { name: default, namespace: bookinfo }
spec: { mtls: { mode: STRICT } }
`;
const dr = (namespace: string, host: string, mode: string) => `
kind: DestinationRule
metadata: { name: mtls, namespace: ${namespace} }
spec: { host: "${host}", trafficPolicy: { tls: { mode: ${mode} } } }
`;

describe("KIA0501 namespace-wide STRICT PeerAuthentication without a DestinationRule enabling mTLS", () => {
  const pa = objectOf("PeerAuthentication", NS_STRICT);
  const autoOff = { enableAutoMtls: false };

  it("says nothing under auto mTLS, or when a namespace-wide or mesh-wide rule sends Istio mTLS", () => {
    expect(checkNamespaceMtlsRulePresent(pa, contextFrom(""))).toEqual([]);
    expect(
      checkNamespaceMtlsRulePresent(
        pa,
        contextFrom(dr("bookinfo", "*.bookinfo.svc.cluster.local", "ISTIO_MUTUAL"), autoOff),
      ),
    ).toEqual([]);
    expect(
      checkNamespaceMtlsRulePresent(pa, contextFrom(dr("istio-system", "*.local", "ISTIO_MUTUAL"), autoOff)),
    ).toEqual([]);
  });

  it("flags it with auto mTLS off when the namespace's rule does not send mTLS", () => {
    const context = contextFrom(dr("bookinfo", "*.bookinfo.svc.cluster.local", "DISABLE"), autoOff);
    expect(checkNamespaceMtlsRulePresent(pa, context)).toEqual([
      {
        code: "KIA0501",
        severity: "error",
        message:
          "Destination Rule enabling namespace-wide mTLS is missing: add a DestinationRule for host *.bookinfo.svc.cluster.local with trafficPolicy.tls.mode ISTIO_MUTUAL, or turn auto mTLS on",
        path: "spec/mtls",
      },
    ]);
  });
});
