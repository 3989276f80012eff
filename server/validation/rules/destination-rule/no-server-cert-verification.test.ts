import { describe, expect, it } from "vitest";
import { contextFrom, objectOf } from "../../test-support/fixtures";
import { checkServerCertificateVerified } from "./no-server-cert-verification";

const dr = (tls: string) => `
kind: DestinationRule
metadata: { name: httpbin-tls, namespace: egress }
spec: { host: httpbin.org, trafficPolicy: { tls: { ${tls} } } }
`;

describe("IST0128 TLS origination without a CA to verify the server", () => {
  const context = contextFrom("");

  it("accepts Istio mTLS, and SIMPLE / MUTUAL with caCertificates or a credentialName", () => {
    for (const tls of [
      "mode: ISTIO_MUTUAL",
      "mode: SIMPLE, caCertificates: /etc/certs/ca.pem",
      "mode: MUTUAL, credentialName: httpbin-client",
    ]) {
      expect(checkServerCertificateVerified(objectOf("DestinationRule", dr(tls)), context)).toEqual([]);
    }
  });

  it("warns on SIMPLE without a CA, in istioctl's words and saying what to set", () => {
    expect(
      checkServerCertificateVerified(objectOf("DestinationRule", dr("mode: SIMPLE, sni: httpbin.org")), context),
    ).toEqual([
      {
        code: "IST0128",
        severity: "warning",
        message:
          "DestinationRule egress/httpbin-tls in namespace egress has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: httpbin.org. " +
          "Set tls.caCertificates, or tls.credentialName naming a Secret with the CA, so the server's certificate is verified.",
        path: "spec/trafficPolicy/tls",
      },
    ]);
  });
});
