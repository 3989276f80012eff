import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkMtlsForIdentityFields } from "./mtls-required";

const POLICY = `
kind: AuthorizationPolicy
metadata: { name: reviews-callers, namespace: bookinfo }
spec:
  selector: { matchLabels: { app: reviews } }
  rules:
  - from:
    - source: { principals: ["cluster.local/ns/bookinfo/sa/bookinfo-productpage"], notNamespaces: [sleep] }
    to: [{ operation: { methods: [GET] } }]
  - when: [{ key: "request.headers[x-user]", values: [jason] }, { key: source.namespace, values: [bookinfo] }]
`;
const pa = (namespace: string, mode: string, selector = "") => `
kind: PeerAuthentication
metadata: { name: pa-${namespace}-${mode}, namespace: ${namespace} }
spec: { ${selector} mtls: { mode: ${mode} } }
`;
const dr = (host: string, mode: string) => `
kind: DestinationRule
metadata: { name: dr-${mode}, namespace: istio-system }
spec: { host: "${host}", trafficPolicy: { tls: { mode: ${mode} } } }
`;
const REVIEWS = `
kind: Service
metadata: { name: reviews, namespace: bookinfo }
spec: { selector: { app: reviews }, ports: [{ port: 9080, name: http }] }
`;

describe("KIA0105 identity fields while the policy's workloads do not receive mTLS", () => {
  const ap = objectOf("AuthorizationPolicy", POLICY);
  const autoOff = { enableAutoMtls: false };

  it("says nothing when mTLS is on: auto mTLS, or a STRICT / PERMISSIVE policy clients honour", () => {
    expect(checkMtlsForIdentityFields(ap, contextFrom(REVIEWS))).toEqual([]);
    expect(
      checkMtlsForIdentityFields(
        ap,
        contextFrom(`${pa("istio-system", "STRICT")}\n---\n${dr("*.local", "ISTIO_MUTUAL")}`, autoOff),
      ),
    ).toEqual([]);
    expect(
      checkMtlsForIdentityFields(
        ap,
        contextFrom(pa("bookinfo", "STRICT", "selector: { matchLabels: { app: reviews } },"), autoOff),
      ),
    ).toEqual([]);
  });

  it("flags each identity field when auto mTLS is off and nothing enables mTLS", () => {
    expect(checkMtlsForIdentityFields(ap, contextFrom(REVIEWS, autoOff))).toEqual([
      {
        code: "KIA0105",
        severity: "error",
        message:
          "This field requires mTLS to be enabled: enable mutual TLS for these workloads (a STRICT or PERMISSIVE PeerAuthentication, auto mTLS or an ISTIO_MUTUAL DestinationRule)",
        path: "spec/rules[0]/from[0]/source/principals",
      },
      expect.objectContaining({ code: "KIA0105", path: "spec/rules[0]/from[0]/source/notNamespaces" }),
      expect.objectContaining({ code: "KIA0105", path: "spec/rules[1]/when[1]" }),
    ]);
  });

  it("flags them under auto mTLS when the workload's own policy, or the namespace's, disables mTLS", () => {
    const workloadDisable = pa("bookinfo", "DISABLE", "selector: { matchLabels: { app: reviews } },");
    expect(checkMtlsForIdentityFields(ap, contextFrom(workloadDisable)).map((c) => c.code)).toEqual([
      "KIA0105",
      "KIA0105",
      "KIA0105",
    ]);
    const namespaceDisable = `${pa("bookinfo", "DISABLE")}\n---\n${dr("*.bookinfo.svc.cluster.local", "DISABLE")}`;
    expect(checkMtlsForIdentityFields(ap, contextFrom(namespaceDisable))).toHaveLength(3);
  });
});
