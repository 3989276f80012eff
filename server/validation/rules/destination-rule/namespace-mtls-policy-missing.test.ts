import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkNamespaceMtlsPolicyPresent } from "./namespace-mtls-policy-missing";

const NS_DR = `
kind: DestinationRule
metadata: { name: default, namespace: bookinfo }
spec: { host: "*.bookinfo.svc.cluster.local", trafficPolicy: { tls: { mode: ISTIO_MUTUAL } } }
`;
const pa = (namespace: string, mode: string, selector = "") => `
kind: PeerAuthentication
metadata: { name: default, namespace: ${namespace} }
spec: { ${selector} mtls: { mode: ${mode} } }
`;

describe("KIA0206 namespace-wide mTLS DestinationRule without a PeerAuthentication enabling it", () => {
  const dr = objectOf("DestinationRule", NS_DR);
  const off = { enableAutoMtls: false };

  it("accepts it with a namespace-wide or mesh-wide policy enabling mTLS", () => {
    expect(checkNamespaceMtlsPolicyPresent(dr, contextFrom(pa("bookinfo", "PERMISSIVE"), off))).toEqual([]);
    expect(checkNamespaceMtlsPolicyPresent(dr, contextFrom(pa("istio-system", "STRICT"), off))).toEqual([]);
  });

  it("flags it when the only policy targets some workloads, or sits in another namespace", () => {
    const workloadOnly = pa("bookinfo", "STRICT", "selector: { matchLabels: { app: reviews } },");
    expect(checkNamespaceMtlsPolicyPresent(dr, contextFrom(workloadOnly, off))).toEqual([
      {
        code: "KIA0206",
        severity: "error",
        message: "PeerAuthentication enabling namespace-wide mTLS is missing",
        path: "spec/trafficPolicy/tls/mode",
      },
    ]);
    expect(checkNamespaceMtlsPolicyPresent(dr, contextFrom(pa("httpbin", "STRICT"), off)).map((c) => c.code)).toEqual([
      "KIA0206",
    ]);
  });
});
