import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMtlsNotOverridden } from "./mtls-overridden";

const REVIEWS_SUBSETS = `
kind: DestinationRule
metadata: { name: reviews, namespace: bookinfo }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }] }
`;
const wide = (name: string, namespace: string, host: string, mode = "ISTIO_MUTUAL") => `
kind: DestinationRule
metadata: { name: ${name}, namespace: ${namespace} }
spec: { host: "${host}", trafficPolicy: { tls: { mode: ${mode} } } }
`;

describe("KIA0204 a host's rule without TLS settings overriding a wider rule's mTLS", () => {
  it("accepts it when no wider rule sets ISTIO_MUTUAL, or when it sets TLS itself", () => {
    const dr = objectOf("DestinationRule", REVIEWS_SUBSETS);
    expect(checkMtlsNotOverridden(dr, contextFrom(wide("mesh", "istio-system", "*.local", "DISABLE")))).toEqual([]);
    expect(checkMtlsNotOverridden(dr, contextFrom(wide("other-ns", "shop", "*.shop.svc.cluster.local")))).toEqual([]);
    const withTls = objectOf(
      "DestinationRule",
      `${REVIEWS_SUBSETS.replace("subsets:", "trafficPolicy: { tls: { mode: ISTIO_MUTUAL } }, subsets:")}`,
    );
    expect(checkMtlsNotOverridden(withTls, contextFrom(wide("mesh", "istio-system", "*.local")))).toEqual([]);
  });

  it("warns when the mesh-wide or the namespace's rule sets ISTIO_MUTUAL", () => {
    const dr = objectOf("DestinationRule", REVIEWS_SUBSETS);
    expect(checkMtlsNotOverridden(dr, contextFrom(wide("mesh", "istio-system", "*.local")))).toEqual([
      {
        code: "KIA0204",
        severity: "warning",
        message:
          "mTLS settings of a non-local Destination Rule are overridden: istio-system/mesh sets ISTIO_MUTUAL for this host but this rule replaces it with no TLS settings; add trafficPolicy.tls.mode ISTIO_MUTUAL here",
        path: "spec/trafficPolicy",
      },
    ]);
    const ns = wide("bookinfo-mtls", "bookinfo", "*.bookinfo.svc.cluster.local");
    expect(checkMtlsNotOverridden(dr, contextFrom(ns)).map((c) => c.code)).toEqual(["KIA0204"]);
  });
});
